using System.Globalization;

namespace CaraPlatform.Domain.Common;

/// <summary>Tenant language codes ("en", "pl", "pa") as people read them.</summary>
public static class LanguageNames
{
    /// <summary>The language's English name ("pl" → "Polish"), or the code when it is not one .NET knows.</summary>
    public static string English(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? code : culture.EnglishName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
