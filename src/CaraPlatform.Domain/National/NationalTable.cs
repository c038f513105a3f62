using System.Globalization;

namespace CaraPlatform.Domain.National;

/// <summary>What a cell holds, which decides how it is shown and when it must be suppressed.</summary>
public enum CellKind
{
    /// <summary>A number of people (or referrals, runs, answers): suppressed under <see cref="NationalCell.Threshold"/>.</summary>
    Count,

    /// <summary>A share of a count: suppressed when its numerator or what is left of its denominator is small.</summary>
    Percent,

    /// <summary>Days (a median, a mean) over <see cref="NationalCell.Basis"/> people: suppressed when they are few.</summary>
    Days,

    /// <summary>Any other statistic over <see cref="NationalCell.Basis"/> people (a harm-weighted rate): as <see cref="Days"/>.</summary>
    Number,
}

/// <summary>
/// One cell of a national table. <see cref="Value"/> is null when nothing applies (no people) or when suppression has
/// hidden it; a suppressed cell carries no value at all, so nothing downstream (a chart, an export) can leak it.
/// </summary>
/// <param name="Basis">How many people the statistic rests on (for a count, the count itself).</param>
/// <param name="Numerator">For a percent, the people counted in it (its denominator is <see cref="Basis"/>).</param>
public sealed record NationalCell(CellKind Kind, decimal? Value, long Basis, long? Numerator = null, bool Suppressed = false)
{
    /// <summary>The smallest number of people a shown figure may rest on.</summary>
    public const int Threshold = 5;

    /// <summary>How a suppressed cell reads, in every view and export.</summary>
    public const string SuppressedText = "<5";

    public static NationalCell Count(long count) => new(CellKind.Count, count, count);

    /// <summary>The share <paramref name="numerator"/> of <paramref name="denominator"/>, in percent; no value when the denominator is 0.</summary>
    public static NationalCell Percent(long numerator, long denominator) =>
        new(CellKind.Percent, denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1), denominator, numerator);

    public static NationalCell Days(decimal? days, long basis) => new(CellKind.Days, days is null ? null : Math.Round(days.Value, 1), basis);

    public static NationalCell Number(decimal? value, long basis) => new(CellKind.Number, value is null ? null : Math.Round(value.Value, 2), basis);

    /// <summary>
    /// The count cells of the same table this statistic is worked out from (a percent's numerator and denominator):
    /// when suppression hides one of them, it hides this cell too, or the hidden count could be read back from it.
    /// A percent whose complement (denominator − numerator) is small is suppressed on its own; where the complement is
    /// a cell of the table, bind it with a <see cref="NationalSum"/> so its own suppression is protected.
    /// </summary>
    public IReadOnlyList<CellRef> BuiltOn { get; init; } = [];

    /// <summary>The cell, worked out from the given count cells (see <see cref="BuiltOn"/>).</summary>
    public NationalCell On(params CellRef[] cells) => this with { BuiltOn = cells };

    /// <summary>The cell with its value hidden.</summary>
    public NationalCell Suppress() => this with { Value = null, Numerator = null, Basis = 0, Suppressed = true };

    /// <summary>The cell as every view and export prints it: "&lt;5" when suppressed, "–" when nothing applies.</summary>
    public string Display => Suppressed
        ? SuppressedText
        : Value is not { } value
            ? "–"
            : Kind switch
            {
                CellKind.Count => value.ToString("N0", CultureInfo.InvariantCulture),
                CellKind.Percent => value.ToString("0.0", CultureInfo.InvariantCulture) + "%",
                _ => value.ToString("0.##", CultureInfo.InvariantCulture),
            };
}

/// <summary>A column: a stable key (for exports and the API), its heading, and what its cells hold.</summary>
public sealed record NationalColumn(string Key, string Header, CellKind Kind = CellKind.Count);

/// <summary>A row: a stable key, its label, and one cell per column.</summary>
public sealed record NationalRow(string Key, string Label, IReadOnlyList<NationalCell> Cells);

/// <summary>A cell by row and column index.</summary>
public readonly record struct CellRef(int Row, int Column);

/// <summary>
/// A relation a reader can use to work a hidden count out: <see cref="Total"/> equals the sum of <see cref="Parts"/>
/// (a row or column total, a funnel stage and the stages after it plus those who stopped). Suppression makes sure no
/// suppressed count can be recovered from the table's relations.
/// </summary>
public sealed record NationalSum(CellRef Total, IReadOnlyList<CellRef> Parts);

/// <summary>How the dashboard draws a table (every table is also shown as itself).</summary>
public enum ChartKind { None, Bar, StackedBar, Line, Histogram, Funnel }

/// <param name="ReferenceLine">A target drawn across the chart (e.g. 14 days to first contact), in the columns' units or row position.</param>
/// <param name="Columns">The column keys charted; all count columns when empty.</param>
public sealed record NationalChart(ChartKind Kind, decimal? ReferenceLine = null, string? ReferenceLabel = null, IReadOnlyList<string>? Columns = null);

/// <summary>
/// One national table: what a dashboard section shows, what the API returns and what an export writes. Measures build
/// them from the read model; <c>Suppression.Apply</c> is run on every one before anyone sees it.
/// </summary>
public sealed record NationalTable(
    string Id,
    string Title,
    string RowHeader,
    IReadOnlyList<NationalColumn> Columns,
    IReadOnlyList<NationalRow> Rows,
    IReadOnlyList<NationalSum> Sums,
    NationalChart Chart,
    string? Note = null)
{
    public const string TotalKey = "total";

    public NationalCell this[CellRef cell] => Rows[cell.Row].Cells[cell.Column];

    /// <summary>
    /// A table of counts with a total column and a total row, and the sums that bind them: the common shape (referrals
    /// by force and month, by offence type, ...). <paramref name="rows"/> give one count per column.
    /// </summary>
    public static NationalTable Crosstab(
        string id, string title, string rowHeader, IReadOnlyList<NationalColumn> columns,
        IReadOnlyList<(string Key, string Label, IReadOnlyList<long> Counts)> rows, NationalChart chart, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var width = columns.Count;
        var allColumns = columns.Append(new NationalColumn(TotalKey, "Total")).ToList();
        var tableRows = new List<NationalRow>();
        var columnTotals = new long[width];
        foreach (var (key, label, counts) in rows)
        {
            if (counts.Count != width) throw new ArgumentException($"Row '{key}' has {counts.Count} counts for {width} columns.", nameof(rows));
            for (var c = 0; c < width; c++) columnTotals[c] += counts[c];
            tableRows.Add(new NationalRow(key, label, [.. counts.Select(NationalCell.Count), NationalCell.Count(counts.Sum())]));
        }

        tableRows.Add(new NationalRow(TotalKey, "Total", [.. columnTotals.Select(NationalCell.Count), NationalCell.Count(columnTotals.Sum())]));
        var sums = new List<NationalSum>();
        for (var r = 0; r < tableRows.Count; r++)
            sums.Add(new NationalSum(new CellRef(r, width), [.. Enumerable.Range(0, width).Select(c => new CellRef(r, c))]));
        for (var c = 0; c <= width; c++)
            sums.Add(new NationalSum(new CellRef(rows.Count, c), [.. Enumerable.Range(0, rows.Count).Select(r => new CellRef(r, c))]));
        return new NationalTable(id, title, rowHeader, allColumns, tableRows, sums, chart, note);
    }

    /// <summary>
    /// A funnel: each stage's count in the first column and, in <paramref name="stopColumns"/>, those who went no
    /// further than it, by how they stopped (returned, withdrawn, breach, still open, ...). The sums say each stage is
    /// the next stage plus its stoppers, so suppression covers subtraction between stages. The last stage has no stoppers.
    /// </summary>
    public static NationalTable Funnel(
        string id, string title, string rowHeader, NationalColumn reached, IReadOnlyList<NationalColumn> stopColumns,
        IReadOnlyList<(string Key, string Label, long Reached, IReadOnlyList<long> Stopped)> stages, NationalChart chart, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(stopColumns);
        ArgumentNullException.ThrowIfNull(stages);
        var rows = new List<NationalRow>();
        var sums = new List<NationalSum>();
        for (var s = 0; s < stages.Count; s++)
        {
            var (key, label, count, stopped) = stages[s];
            var last = s == stages.Count - 1;
            if (stopped.Count != (last ? 0 : stopColumns.Count))
                throw new ArgumentException($"Stage '{key}' has {stopped.Count} stop counts for {stopColumns.Count} columns.", nameof(stages));
            if (!last && count != stages[s + 1].Reached + stopped.Sum())
                throw new ArgumentException($"Stage '{key}' is not the next stage plus those who stopped at it.", nameof(stages));
            var stopCells = last
                ? stopColumns.Select(_ => new NationalCell(CellKind.Count, null, 0))
                : stopped.Select(NationalCell.Count);
            rows.Add(new NationalRow(key, label, [NationalCell.Count(count), .. stopCells]));
            if (!last)
                sums.Add(new NationalSum(new CellRef(s, 0), [new CellRef(s + 1, 0), .. Enumerable.Range(1, stopColumns.Count).Select(c => new CellRef(s, c))]));
        }

        return new NationalTable(id, title, rowHeader, [reached, .. stopColumns], rows, sums, chart, note);
    }
}
