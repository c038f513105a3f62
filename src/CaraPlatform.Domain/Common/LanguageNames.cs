using System.Globalization;

namespace CaraPlatform.Domain.Common;

/// <summary>Tenant language codes ("en", "pl", "pa") as people read them.</summary>
public static class LanguageNames
{
    /// <summary>The language's English name ("pl" → "Polish"), or the code when it is not one .NET knows.</summary>
    public static string English(string code) => Known(code) is { } culture ? culture.EnglishName : code;

    /// <summary>The language's name in itself ("pa" → "ਪੰਜਾਬੀ"), or the code when it is not one .NET knows.</summary>
    public static string Native(string code) => Known(code) is { } culture ? culture.NativeName : code;

    private static CultureInfo? Known(string code)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            return culture.EnglishName.StartsWith("Unknown", StringComparison.Ordinal) ? null : culture;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
