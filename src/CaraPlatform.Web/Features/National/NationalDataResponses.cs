using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National;

/// <summary>A national table as listed: its id, title and dashboard section.</summary>
public sealed record NationalTableSummary(string Id, string Title, string Section);

/// <summary>A cell as the API shows it: the value (null when suppressed or not applicable) and how it reads.</summary>
/// <param name="Value">Null when suppressed or when nothing applies.</param>
/// <param name="Display">"&lt;5" when suppressed, "–" when nothing applies, otherwise the formatted value.</param>
/// <param name="Suppressed">Hidden to protect the people behind it.</param>
public sealed record NationalCellResponse(decimal? Value, string Display, bool Suppressed);

public sealed record NationalColumnResponse(string Key, string Header, CellKind Kind);

public sealed record NationalRowResponse(string Key, string Label, IReadOnlyList<NationalCellResponse> Cells);

/// <summary>A suppressed national table: never the people behind a figure, only the figure.</summary>
public sealed record NationalTableResponse(
    string Id, string Title, string RowHeader, IReadOnlyList<NationalColumnResponse> Columns, IReadOnlyList<NationalRowResponse> Rows, string? Note)
{
    public static NationalTableResponse From(NationalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return new(table.Id, table.Title, table.RowHeader,
            [.. table.Columns.Select(c => new NationalColumnResponse(c.Key, c.Header, c.Kind))],
            [.. table.Rows.Select(r => new NationalRowResponse(r.Key, r.Label, [.. r.Cells.Select(c => new NationalCellResponse(c.Value, c.Display, c.Suppressed))]))],
            table.Note);
    }
}
