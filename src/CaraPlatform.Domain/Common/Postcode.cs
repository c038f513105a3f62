using System.Text.RegularExpressions;

namespace CaraPlatform.Domain.Common;

/// <summary>A UK postcode in its normal form: upper case, one space before the inward code (e.g. "SO14 7DU").</summary>
public static partial class Postcode
{
    // ASCII only, spaces and tabs only: no case-folding tricks (long s, Kelvin sign) and no line breaks inside.
    [GeneratedRegex("^[ \\t]*(?<outward>[A-Za-z]{1,2}[0-9][A-Za-z0-9]?)[ \\t]*(?<inward>[0-9][A-Za-z]{2})[ \\t]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryNormalise(string? value, out string normalised)
    {
        normalised = string.Empty;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var match = Shape().Match(value);
        if (!match.Success) return false;
        normalised = $"{match.Groups["outward"].Value.ToUpperInvariant()} {match.Groups["inward"].Value.ToUpperInvariant()}";
        return true;
    }
}
