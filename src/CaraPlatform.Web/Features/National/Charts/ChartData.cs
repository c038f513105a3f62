using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Charts;

/// <summary>One figure to draw: a value, or nothing (nothing applies), or suppressed (drawn as absent with "&lt;5").</summary>
public readonly record struct ChartPoint(decimal? Value, bool Suppressed, string Display);

/// <summary>A named series of points, one per category.</summary>
public sealed record ChartSeries(string Label, IReadOnlyList<ChartPoint> Points);

/// <summary>
/// What a chart draws of a table: categories along the axis and one or more series over them. Totals are left out
/// (they would dwarf their parts); the table next to the chart has them.
/// </summary>
public sealed record ChartData(string Title, IReadOnlyList<string> Categories, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>
    /// Line charts draw one series per row across the columns; every other kind draws one series per charted column
    /// across the rows. The charted columns are the chart's own list, or every column but the total.
    /// </summary>
    public static ChartData From(NationalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var columns = table.Columns
            .Select((column, index) => (column, index))
            .Where(c => table.Chart.Columns is { Count: > 0 } keys ? keys.Contains(c.column.Key) : c.column.Key != NationalTable.TotalKey)
            .ToList();
        var rows = table.Rows.Where(r => r.Key != NationalTable.TotalKey).ToList();
        if (table.Chart.Kind == ChartKind.Line)
            return new ChartData(table.Title, [.. columns.Select(c => c.column.Header)],
                [.. rows.Select(r => new ChartSeries(r.Label, [.. columns.Select(c => Point(r.Cells[c.index]))]))]);
        return new ChartData(table.Title, [.. rows.Select(r => r.Label)],
            [.. columns.Select(c => new ChartSeries(c.column.Header, [.. rows.Select(r => Point(r.Cells[c.index]))]))]);
    }

    private static ChartPoint Point(NationalCell cell) => new(cell.Value, cell.Suppressed, cell.Display);
}
