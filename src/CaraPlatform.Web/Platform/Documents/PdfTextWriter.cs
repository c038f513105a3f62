using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace CaraPlatform.Web.Platform.Documents;

/// <summary>
/// Text down A4 pages in Helvetica, for the documents the platform prints (the booking letter, subject-access exports).
/// A cursor down the page: PdfPig places text at absolute positions and has no layout engine, so this
/// wraps words to the measured line width and opens a new page when the next line would cross the margin.
/// </summary>
public sealed class PdfTextWriter
{
    private const double Margin = 56;
    private const double LineFactor = 1.35;

    private readonly PdfDocumentBuilder _builder;
    private readonly PdfDocumentBuilder.AddedFont _regular;
    private readonly PdfDocumentBuilder.AddedFont _bold;
    private PdfPageBuilder _page;
    private double _y;

    public PdfTextWriter(PdfDocumentBuilder builder)
    {
        _builder = builder;
        _regular = _builder.AddStandard14Font(Standard14Font.Helvetica);
        _bold = _builder.AddStandard14Font(Standard14Font.HelveticaBold);
        _page = NewPage();
    }

    private double Width => _page.PageSize.Width - (2 * Margin);

    public void Space(double points) => _y -= points;

    public void Paragraph(string text, double size, bool bold = false, bool bullet = false)
    {
        var font = bold ? _bold : _regular;
        var indent = bullet ? size * 1.5 : 0;
        var first = true;
        foreach (var line in Wrap(ToEncodableText(text), size, font, Width - indent))
        {
            var lineHeight = size * LineFactor;
            if (_y - lineHeight < Margin)
            {
                _page = NewPage();
            }
            _y -= lineHeight;
            if (bullet && first)
            {
                _page.AddText("-", size, new PdfPoint(Margin, _y), _regular);
            }
            if (line.Length > 0)
            {
                _page.AddText(line, size, new PdfPoint(Margin + indent, _y), font);
            }
            first = false;
        }
    }

    private PdfPageBuilder NewPage()
    {
        var added = _builder.AddPage(PageSize.A4);
        _y = added.PageSize.Height - Margin;
        return added;
    }

    private double Measure(string text, double size, PdfDocumentBuilder.AddedFont font)
    {
        if (text.Length == 0)
        {
            return 0;
        }
        var letters = _page.MeasureText(text, size, new PdfPoint(0, 0), font);
        return letters.Count == 0 ? 0 : letters[^1].EndBaseLine.X;
    }

    private List<string> Wrap(string text, double size, PdfDocumentBuilder.AddedFont font, double width)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : $"{current} {word}";
            if (Measure(candidate, size, font) <= width)
            {
                current.Clear().Append(candidate);
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
            }
            // A single word wider than the line (a long meeting link) is broken by characters.
            var rest = word;
            while (Measure(rest, size, font) > width)
            {
                var take = rest.Length - 1;
                while (take > 1 && Measure(rest[..take], size, font) > width)
                {
                    take--;
                }
                lines.Add(rest[..take]);
                rest = rest[take..];
            }
            current.Append(rest);
        }
        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current.ToString());
        }
        return lines;
    }

    /// <summary>
    /// PdfPig's Standard 14 writer throws on any character it cannot encode, and its coverage beyond ASCII is
    /// patchy (é works, ó does not), so the text keeps to printable ASCII and the pound sign: typographic
    /// punctuation becomes its plain equivalent, accented letters lose the accent (Polish names stay legible),
    /// and anything else becomes "?" rather than failing the whole document.
    /// </summary>
    public static string ToEncodableText(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormC))
        {
            switch (c)
            {
                case '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032':
                    sb.Append('\'');
                    break;
                case '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033':
                    sb.Append('"');
                    break;
                case '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212':
                    sb.Append('-');
                    break;
                case '\u2026':
                    sb.Append("...");
                    break;
                case '\u2022' or '\u00B7':
                    sb.Append('-');
                    break;
                case '\u0141':
                    sb.Append('L');
                    break;
                case '\u0142':
                    sb.Append('l');
                    break;
                case '\u00A0' or '\u2007' or '\u202F' or '\t' or '\r' or '\n':
                    sb.Append(' ');
                    break;
                case >= ' ' and <= '~':
                    sb.Append(c);
                    break;
                case '\u00A3':
                    sb.Append(c);
                    break;
                case '\u00C6':
                    sb.Append("AE");
                    break;
                case '\u00E6':
                    sb.Append("ae");
                    break;
                case '\u00DF':
                    sb.Append("ss");
                    break;
                case '\u00D8':
                    sb.Append('O');
                    break;
                case '\u00F8':
                    sb.Append('o');
                    break;
                default:
                    sb.Append(StripAccent(c));
                    break;
            }
        }
        return sb.ToString();
    }

    private static char StripAccent(char c)
    {
        var baseChar = c.ToString().Normalize(NormalizationForm.FormD)[0];
        return baseChar is >= ' ' and <= '~' ? baseChar : '?';
    }
}
