using System.Text.RegularExpressions;

namespace CaraPlatform.Domain.Common;

/// <summary>A UK postcode in its normal form: upper case, one space before the inward code (e.g. "SO14 7DU").</summary>
public static partial class Postcode
{
    [GeneratedRegex("^(?<outward>[A-Z]{1,2}[0-9][A-Z0-9]?)(?<inward>[0-9][A-Z]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    public static bool TryNormalise(string? value, out string normalised)
    {
        normalised = string.Empty;
        if (string.IsNullOrWhiteSpace(value)) return false;
        var compact = string.Concat(value.Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        var match = Shape().Match(compact);
        if (!match.Success) return false;
        normalised = $"{match.Groups["outward"].Value} {match.Groups["inward"].Value}";
        return true;
    }
}
