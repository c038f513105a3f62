using System.Numerics;

namespace CaraPlatform.Domain.National;

/// <summary>
/// Statistical disclosure control for every national output: no figure rests on fewer than
/// <see cref="NationalCell.Threshold"/> people, and no hidden count can be worked out from what is shown.
/// </summary>
public static class Suppression
{
    /// <summary>
    /// The table with every disclosive cell suppressed (primary), then whatever would give one away (secondary): further
    /// counts, smallest first and inner cells before totals, until no hidden count is determined by the shown cells and
    /// the table's <see cref="NationalTable.Sums"/>; last, every statistic <see cref="NationalCell.BuiltOn"/> a hidden count.
    /// </summary>
    public static NationalTable Apply(NationalTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var hidden = table.Rows.SelectMany((row, r) => row.Cells.Select((cell, c) => (Cell: new CellRef(r, c), cell)))
            .Where(x => Disclosive(x.cell)).Select(x => x.Cell).ToHashSet();
        HideWhatTheSumsGiveAway(table, hidden);
        foreach (var (row, r) in table.Rows.Select((row, r) => (row, r)))
        {
            foreach (var (cell, c) in row.Cells.Select((cell, c) => (cell, c)))
                if (cell.BuiltOn.Any(hidden.Contains)) hidden.Add(new CellRef(r, c));
        }

        var rows = table.Rows.Select((row, r) => row with
        {
            Cells = [.. row.Cells.Select((cell, c) => hidden.Contains(new CellRef(r, c)) ? cell.Suppress() : cell)],
        }).ToList();
        return table with { Rows = rows };
    }

    /// <summary>
    /// The hidden cells a reader can work out exactly from the shown cells and the sums: those whose unit vector lies in
    /// the row space of the sums' equations restricted to the hidden cells (for a plain crosstab, a hidden cell alone
    /// in its row or column, or a bridge of the row/column graph of hidden cells).
    /// </summary>
    public static IReadOnlySet<CellRef> Recoverable(IReadOnlyList<NationalSum> sums, IReadOnlySet<CellRef> hidden)
    {
        ArgumentNullException.ThrowIfNull(sums);
        ArgumentNullException.ThrowIfNull(hidden);
        var unknowns = sums.SelectMany(Terms).Select(t => t.Cell).Where(hidden.Contains).Distinct().ToList();
        var column = unknowns.Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => x.i);
        var equations = new List<BigInteger[]>();
        foreach (var sum in sums)
        {
            var equation = new BigInteger[unknowns.Count];
            foreach (var (cell, sign) in Terms(sum))
                if (column.TryGetValue(cell, out var i)) equation[i] += sign;
            if (equation.Any(a => !a.IsZero)) equations.Add(equation);
        }

        Reduce(equations, unknowns.Count);
        // In reduced form a unit vector lies in the row space only as one of its rows.
        return equations.Select(e => e.Select((a, i) => (a, i)).Where(x => !x.a.IsZero).ToList())
            .Where(nonZero => nonZero.Count == 1).Select(nonZero => unknowns[nonZero[0].i]).ToHashSet();
    }

    private static void HideWhatTheSumsGiveAway(NationalTable table, HashSet<CellRef> hidden)
    {
        var totals = table.Sums.Select(s => s.Total).ToHashSet();
        while (Recoverable(table.Sums, hidden) is { Count: > 0 } recoverable)
        {
            // Hide one more count sharing a sum with a recoverable cell: the one that leaves fewest cells recoverable,
            // an inner cell before a total, the smallest first (a lone hidden cell in a crosstab grows into a rectangle).
            var choice = table.Sums.Select(s => Terms(s).Select(t => t.Cell).ToList())
                .Where(cells => cells.Any(recoverable.Contains)).SelectMany(cells => cells)
                .Where(c => !hidden.Contains(c) && table[c].Kind == CellKind.Count).Distinct()
                .Select(c => (Cell: c, Left: Recoverable(table.Sums, new HashSet<CellRef>(hidden) { c }).Count))
                .OrderBy(x => x.Left).ThenBy(x => totals.Contains(x.Cell)).ThenBy(x => table[x.Cell].Value)
                .ThenBy(x => x.Cell.Row).ThenBy(x => x.Cell.Column)
                .Select(x => (CellRef?)x.Cell).FirstOrDefault();
            if (choice is not { } cell) return; // The sums pin it whatever the values (a total of nothing): nothing left to hide.
            hidden.Add(cell);
        }
    }

    /// <summary>The sum as an equation equal to zero: the total minus each part.</summary>
    private static IEnumerable<(CellRef Cell, int Sign)> Terms(NationalSum sum) =>
        sum.Parts.Select(p => (p, -1)).Prepend((sum.Total, 1));

    /// <summary>Gauss–Jordan elimination in integers (exact): each pivot column is cleared from every other equation.</summary>
    private static void Reduce(List<BigInteger[]> equations, int width)
    {
        var pivotRow = 0;
        for (var col = 0; col < width && pivotRow < equations.Count; col++)
        {
            var found = equations.FindIndex(pivotRow, e => !e[col].IsZero);
            if (found < 0) continue;
            (equations[pivotRow], equations[found]) = (equations[found], equations[pivotRow]);
            var pivot = equations[pivotRow];
            for (var r = 0; r < equations.Count; r++)
            {
                if (r == pivotRow || equations[r][col].IsZero) continue;
                var (a, b) = (pivot[col], equations[r][col]);
                equations[r] = Normalised([.. equations[r].Zip(pivot, (x, p) => (x * a) - (p * b))]);
            }

            pivotRow++;
        }

        equations.RemoveAll(e => e.All(a => a.IsZero));
    }

    private static BigInteger[] Normalised(BigInteger[] equation)
    {
        var divisor = equation.Aggregate(BigInteger.Zero, BigInteger.GreatestCommonDivisor);
        return divisor.IsZero || divisor.IsOne ? equation : [.. equation.Select(a => a / divisor)];
    }

    private static bool Disclosive(NationalCell cell) => cell.Kind switch
    {
        CellKind.Count => cell.Value < NationalCell.Threshold,
        CellKind.Percent => cell.Numerator < NationalCell.Threshold || cell.Basis - cell.Numerator < NationalCell.Threshold,
        _ => cell.Basis < NationalCell.Threshold,
    };
}
