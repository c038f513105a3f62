using PdfSharp.Fonts;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>
/// The fonts force reports are set in, embedded in this assembly (Noto Sans, OFL 1.1, see Fonts/OFL.txt) so that a
/// report prints Polish names and Punjabi text on any server: no system font is ever looked up. Latin text is Noto
/// Sans; runs of Gurmukhi are Noto Sans Gurmukhi (<see cref="FamilyFor"/>).
/// </summary>
public sealed class ReportFonts : IFontResolver
{
    public const string Sans = "Noto Sans";

    public const string Gurmukhi = "Noto Sans Gurmukhi";

    private static readonly ReportFonts Instance = new();

    private static readonly Lock Installing = new();

    private ReportFonts()
    {
    }

    /// <summary>Makes these fonts PDFsharp's (its resolver is process-wide; installing the same instance again is allowed).</summary>
    public static void Install()
    {
        lock (Installing)
        {
            if (GlobalFontSettings.FontResolver != Instance) GlobalFontSettings.FontResolver = Instance;
        }
    }

    /// <summary>The family for a character: Gurmukhi's own for its block (U+0A00–U+0A7F), Noto Sans for the rest.</summary>
    public static string FamilyFor(char c) => c is >= '\u0A00' and <= '\u0A7F' ? Gurmukhi : Sans;

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => familyName switch
    {
        Sans => new FontResolverInfo(bold ? "NotoSans-Bold" : "NotoSans-Regular"),
        // Gurmukhi has one weight here: bold is drawn in the regular face.
        Gurmukhi => new FontResolverInfo("NotoSansGurmukhi-Regular"),
        _ => null,
    };

    public byte[]? GetFont(string faceName)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"{typeof(ReportFonts).Namespace}.Fonts.{faceName}.ttf");
        if (stream is null) return null;
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        return bytes.ToArray();
    }
}
