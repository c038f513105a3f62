using System.Globalization;
using System.Text;
using CaraPlatform.Domain.National;
using SpreadCheetah;

namespace CaraPlatform.Web.Features.National.Exports;

/// <summary>A national export's file formats.</summary>
public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// Writes suppressed national tables as files: CSV (one table) and XLSX (a sheet per table). A suppressed cell is
/// written as "&lt;5", never its value (the table carries none); a cell where nothing applies is left empty.
/// </summary>
public static class NationalExport
{
    public const string CsvType = "text/csv";

    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string ContentType(ExportFormat format) => format == ExportFormat.Csv ? CsvType : XlsxType;

    /// <summary>The file's name: the table's id (or "national-data" for all) with the filter's period, e.g. <c>run-fill-rate-2026-01-to-2026-11.csv</c>.</summary>
    public static string FileName(string name, NationalFilter filter, ExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var period = (filter.From, filter.To) switch
        {
            (null, null) => "",
            var (from, to) => $"-{from?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "start"}-to-{to?.ToString("yyyy-MM", CultureInfo.InvariantCulture) ?? "now"}",
        };
        return $"{name}{period}.{format.ToString().ToLowerInvariant()}";
    }

    public static async Task WriteAsync(IReadOnlyList<NationalTable> tables, ExportFormat format, Stream stream, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tables);
        if (format == ExportFormat.Csv)
        {
            if (tables.Count != 1) throw new ArgumentException("A CSV file holds one table.", nameof(tables));
            await stream.WriteAsync(Csv(tables[0]), cancellationToken);
            return;
        }

        await using var workbook = await Spreadsheet.CreateNewAsync(stream, cancellationToken: cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var table in tables)
        {
            await workbook.StartWorksheetAsync(SheetName(table.Id, names), token: cancellationToken);
            await workbook.AddRowAsync([new DataCell(table.Title)], cancellationToken);
            await workbook.AddRowAsync([new DataCell(table.RowHeader), .. table.Columns.Select(c => new DataCell(c.Header))], cancellationToken);
            foreach (var row in table.Rows)
                await workbook.AddRowAsync([new DataCell(row.Label), .. row.Cells.Select(XlsxCell)], cancellationToken);
            if (table.Note is { } note) await workbook.AddRowAsync([new DataCell(note)], cancellationToken);
        }

        await workbook.FinishAsync(cancellationToken);
    }

    /// <summary>One table as UTF-8 CSV (with a byte order mark, so spreadsheet programs read accented names right).</summary>
    public static byte[] Csv(NationalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var csv = new StringBuilder();
        csv.AppendJoin(',', [Field(table.RowHeader), .. table.Columns.Select(c => Field(c.Header))]).Append("\r\n");
        foreach (var row in table.Rows)
            csv.AppendJoin(',', [Field(row.Label), .. row.Cells.Select(c => Field(CsvValue(c)))]).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string CsvValue(NationalCell cell) =>
        cell.Suppressed ? NationalCell.SuppressedText : cell.Value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static DataCell XlsxCell(NationalCell cell) =>
        cell.Suppressed ? new DataCell(NationalCell.SuppressedText) : new DataCell(cell.Value);

    /// <summary>Quoted when it must be; text a spreadsheet would run as a formula is made plain with a leading apostrophe.</summary>
    private static string Field(string text)
    {
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && !decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        return text.IndexOfAny([',', '"', '\r', '\n']) < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    /// <summary>Excel allows 31 characters and no []:*?/\ in a sheet's name, unique in the workbook.</summary>
    private static string SheetName(string id, HashSet<string> taken)
    {
        var clean = new string([.. id.Where(c => !"[]:*?/\\".Contains(c, StringComparison.Ordinal))]);
        var name = clean.Length > 31 ? clean[..31] : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = "-" + n.ToString(CultureInfo.InvariantCulture);
            name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)] : clean) + suffix;
        }

        return name;
    }
}
