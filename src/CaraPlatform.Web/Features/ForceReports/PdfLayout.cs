using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>
/// Writes a simple A4 document top to bottom: headings, paragraphs and tables, wrapping words to the width and starting
/// a new page (a table's header row repeated) when the next line would not fit. Each run of Gurmukhi is set in its own
/// font (<see cref="ReportFonts.FamilyFor"/>), the rest in Noto Sans.
/// </summary>
public sealed class PdfLayout : IDisposable
{
    private const double Margin = 50;
    private const double BodySize = 9;
    private const double CellPadding = 3;

    private readonly PdfDocument _document = new();
    private readonly string _footer;
    private XGraphics _page = null!;
    private double _y;

    public PdfLayout(string title, string footer)
    {
        ReportFonts.Install();
        _document.Info.Title = title;
        _footer = footer;
        NewPage();
    }

    private double Width => _page.PageSize.Width - (2 * Margin);

    private double Bottom => _page.PageSize.Height - Margin;

    public void Heading(string text, double size = 14)
    {
        var lines = Wrap(text, Width, size, bold: true);
        NeedRoom((lines.Count * LineHeight(size)) + LineHeight(BodySize));
        _y += size / 2;
        foreach (var line in lines) Line(line, Margin, size, bold: true);
        _y += 2;
    }

    public void Paragraph(string text)
    {
        foreach (var line in Wrap(text, Width, BodySize, bold: false))
        {
            NeedRoom(LineHeight(BodySize));
            Line(line, Margin, BodySize, bold: false);
        }

        _y += 4;
    }

    /// <summary>A table with its header row, columns sized by <paramref name="weights"/> (shares of the width).</summary>
    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, IReadOnlyList<double>? weights = null)
    {
        var shares = weights ?? [.. header.Select(_ => 1.0)];
        var widths = shares.Select(w => Width * w / shares.Sum()).ToArray();
        Row(header, widths, bold: true);
        foreach (var row in rows)
        {
            if (Row(row, widths, bold: false)) continue;
            Row(header, widths, bold: true);
            Row(row, widths, bold: false);
        }

        _y += 6;
    }

    public byte[] ToBytes()
    {
        _page.Dispose();
        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public void Dispose()
    {
        _page.Dispose();
        _document.Dispose();
    }

    /// <summary>Draws one table row; false when it had to start a new page first (the caller repeats the header, then this row).</summary>
    private bool Row(IReadOnlyList<string> cells, double[] widths, bool bold)
    {
        var wrapped = cells.Select((c, i) => Wrap(c, widths[i] - (2 * CellPadding), BodySize, bold)).ToList();
        var height = (wrapped.Max(w => w.Count) * LineHeight(BodySize)) + (2 * CellPadding);
        if (NeedRoom(height) && !bold) return false;

        var x = Margin;
        var top = _y;
        for (var i = 0; i < cells.Count; i++)
        {
            if (bold) _page.DrawRectangle(XBrushes.Gainsboro, x, top, widths[i], height);
            _page.DrawRectangle(XPens.Gray, x, top, widths[i], height);
            _y = top + CellPadding;
            foreach (var line in wrapped[i]) Line(line, x + CellPadding, BodySize, bold);
            x += widths[i];
        }

        _y = top + height;
        return true;
    }

    /// <summary>Starts a new page when <paramref name="height"/> does not fit on this one; true when it did.</summary>
    private bool NeedRoom(double height)
    {
        if (_y + height <= Bottom) return false;
        NewPage();
        return true;
    }

    private void NewPage()
    {
        _page?.Dispose();
        var page = _document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        _page = XGraphics.FromPdfPage(page);
        _y = Margin;
        Draw($"{_footer} · page {_document.PageCount}", Margin, _page.PageSize.Height - (Margin / 2), 7, bold: false);
    }

    private void Line(string text, double x, double size, bool bold)
    {
        Draw(text, x, _y, size, bold);
        _y += LineHeight(size);
    }

    /// <summary>Draws a line run by run, each in the font of its script.</summary>
    private void Draw(string text, double x, double y, double size, bool bold)
    {
        foreach (var (run, font) in Runs(text, size, bold))
        {
            _page.DrawString(run, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
            x += _page.MeasureString(run, font).Width;
        }
    }

    private List<string> Wrap(string text, double width, double size, bool bold)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ').SelectMany(w => Pieces(w, width, size, bold)))
        {
            var candidate = line.Length == 0 ? word : $"{line} {word}";
            if (line.Length > 0 && Measure(candidate, size, bold) > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>A word too wide for the width (a long reference) in pieces that fit, else the word.</summary>
    private IEnumerable<string> Pieces(string word, double width, double size, bool bold)
    {
        var start = 0;
        for (var end = 1; end <= word.Length; end++)
        {
            if (end - start > 1 && Measure(word[start..end], size, bold) > width)
            {
                yield return word[start..(end - 1)];
                start = end - 1;
            }
        }

        yield return word[start..];
    }

    private double Measure(string text, double size, bool bold) => Runs(text, size, bold).Sum(r => _page.MeasureString(r.Text, r.Font).Width);

    private static IEnumerable<(string Text, XFont Font)> Runs(string text, double size, bool bold)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i < text.Length && ReportFonts.FamilyFor(text[i]) == ReportFonts.FamilyFor(text[start])) continue;
            if (i > start) yield return (text[start..i], Font(ReportFonts.FamilyFor(text[start]), size, bold));
            start = i;
        }
    }

    // Unicode encoding: the PDF carries a ToUnicode map, so its text (names with ą, ł, ż; Gurmukhi) can be searched and read back.
    private static XFont Font(string family, double size, bool bold) =>
        new(family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    private static double LineHeight(double size) => size * 1.35;
}
