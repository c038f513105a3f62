namespace CaraPlatform.Domain.National;

/// <summary>
/// Statistical disclosure control for every national output: no figure rests on fewer than
/// <see cref="NationalCell.Threshold"/> people, and no hidden count can be worked out from what is shown.
/// </summary>
public static class Suppression
{
    /// <summary>
    /// The table with every disclosive cell suppressed (primary), then whatever would give one away (secondary): further
    /// counts (inner cells before totals, smallest first) until no hidden count is determined by the shown cells and the
    /// table's <see cref="NationalTable.Sums"/>; last, every statistic <see cref="NationalCell.BuiltOn"/> a hidden count.
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
        return new Equations(sums, hidden, []).Recoverable;
    }

    private static void HideWhatTheSumsGiveAway(NationalTable table, HashSet<CellRef> hidden)
    {
        var totals = table.Sums.Select(s => s.Total).ToHashSet();
        while (new Equations(table.Sums, hidden, []).Recoverable is { Count: > 0 } recoverable)
        {
            // Hide one more count sharing a sum with a recoverable cell: the one that leaves fewest cells recoverable,
            // an inner cell before a total, the smallest first (a lone hidden cell in a crosstab grows into a rectangle).
            var candidates = table.Sums.Select(s => Terms(s).Select(t => t.Cell).ToList())
                .Where(cells => cells.Any(recoverable.Contains)).SelectMany(cells => cells)
                .Where(c => !hidden.Contains(c) && table[c].Kind == CellKind.Count).Distinct().ToList();
            if (candidates.Count == 0) return; // The sums pin it whatever the values (a total of nothing): nothing left to hide.
            var equations = new Equations(table.Sums, hidden, candidates);
            hidden.Add(candidates.Select((cell, k) => (Cell: cell, Left: equations.RecoverableIfHidden(k)))
                .OrderBy(x => x.Left).ThenBy(x => totals.Contains(x.Cell)).ThenBy(x => table[x.Cell].Value)
                .ThenBy(x => x.Cell.Row).ThenBy(x => x.Cell.Column).First().Cell);
        }
    }

    /// <summary>The sum as an equation equal to zero: the total minus each part.</summary>
    private static IEnumerable<(CellRef Cell, int Sign)> Terms(NationalSum sum) =>
        sum.Parts.Select(p => (p, -1)).Prepend((sum.Total, 1));

    /// <summary>
    /// The sums as equations over the hidden cells, reduced by Gauss–Jordan elimination in integers (exact), with the
    /// columns of candidate cells carried along (never pivoted on), so one reduction tells what hiding each would leave.
    /// </summary>
    private sealed class Equations
    {
        private readonly List<long[]> rows = [];
        private readonly List<int> pivots = [];
        private readonly int width;

        public Equations(IReadOnlyList<NationalSum> sums, IReadOnlySet<CellRef> hidden, IReadOnlyList<CellRef> candidates)
        {
            var unknowns = sums.SelectMany(Terms).Select(t => t.Cell).Where(hidden.Contains).Distinct().ToList();
            width = unknowns.Count;
            var column = unknowns.Concat(candidates).Select((cell, i) => (cell, i)).ToDictionary(x => x.cell, x => x.i);
            // A total of nothing is zero by definition: it gives no one away, and would otherwise read as "recoverable".
            foreach (var sum in sums.Where(s => s.Parts.Count > 0))
            {
                var row = new long[column.Count];
                foreach (var (cell, sign) in Terms(sum))
                    if (column.TryGetValue(cell, out var i)) row[i] += sign;
                if (row.Any(a => a != 0)) rows.Add(row);
            }

            Reduce();
            Recoverable = pivots.Select((pivot, r) => (pivot, r))
                .Where(x => rows[x.r].Take(width).Count(a => a != 0) == 1).Select(x => unknowns[x.pivot]).ToHashSet();
        }

        /// <summary>Hidden cells whose equation, reduced, names them alone: their unit vector is in the row space.</summary>
        public HashSet<CellRef> Recoverable { get; }

        /// <summary>
        /// How many cells would be recoverable with candidate <paramref name="k"/> hidden too. If its column lies outside
        /// the hidden cells' column space it is pinned itself; otherwise the hidden cells that move with it (a solution of
        /// the system with it as the free unknown) stop being recoverable.
        /// </summary>
        public int RecoverableIfHidden(int k)
        {
            var c = width + k;
            if (rows.Skip(pivots.Count).Any(row => row[c] != 0)) return Recoverable.Count + 1;
            return pivots.Select((_, r) => rows[r]).Count(row => row.Take(width).Count(a => a != 0) == 1 && row[c] == 0);
        }

        private void Reduce()
        {
            for (var col = 0; col < width && pivots.Count < rows.Count; col++)
            {
                var found = rows.FindIndex(pivots.Count, row => row[col] != 0);
                if (found < 0) continue;
                var top = pivots.Count;
                (rows[top], rows[found]) = (rows[found], rows[top]);
                var pivot = rows[top];
                for (var r = 0; r < rows.Count; r++)
                {
                    if (r == top || rows[r][col] == 0) continue;
                    var (a, b) = (pivot[col], rows[r][col]);
                    rows[r] = Normalised([.. rows[r].Zip(pivot, (x, p) => checked((x * a) - (p * b)))]);
                }

                pivots.Add(col);
            }
        }

        private static long[] Normalised(long[] row)
        {
            var divisor = row.Aggregate(0L, Gcd);
            return divisor is 0 or 1 ? row : [.. row.Select(a => a / divisor)];
        }

        private static long Gcd(long a, long b) => b == 0 ? Math.Abs(a) : Gcd(b, a % b);
    }

    private static bool Disclosive(NationalCell cell) => cell.Kind switch
    {
        CellKind.Count => cell.Value < NationalCell.Threshold,
        CellKind.Percent => cell.Numerator < NationalCell.Threshold || cell.Basis - cell.Numerator < NationalCell.Threshold,
        _ => cell.Basis < NationalCell.Threshold,
    };
}
