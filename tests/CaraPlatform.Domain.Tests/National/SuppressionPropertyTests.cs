using CaraPlatform.Domain.National;
using CsCheck;

namespace CaraPlatform.Domain.Tests.National;

/// <summary>
/// Suppression over random tables: crosstabs and funnels with counts skewed small. Recovery is checked independently of
/// <see cref="Suppression.Recoverable"/>: a hidden cell is determined exactly when appending its unit vector to the sums'
/// equations (over the hidden cells) leaves their rank unchanged, ranks taken by floating-point elimination.
/// </summary>
public sealed class SuppressionPropertyTests
{
    private static readonly NationalChart NoChart = new(ChartKind.None);

    /// <summary>Mostly under or near the threshold, sometimes larger.</summary>
    private static readonly Gen<long> SmallSkewed = Gen.Frequency((3, Gen.Long[0, 7]), (2, Gen.Long[0, 40]));

    private static readonly Gen<NationalTable> Crosstabs =
        from width in Gen.Int[1, 5]
        from height in Gen.Int[1, 6]
        from counts in SmallSkewed.Array[width].Array[height]
        select NationalTable.Crosstab("t", "T", "Row",
            [.. Enumerable.Range(0, width).Select(c => new NationalColumn($"c{c}", $"C{c}"))],
            [.. counts.Select((row, r) => ($"r{r}", $"R{r}", (IReadOnlyList<long>)row))], NoChart);

    private static readonly Gen<NationalTable> Funnels =
        from stops in Gen.Int[1, 4]
        from stages in Gen.Int[2, 6]
        from last in SmallSkewed
        from stopped in SmallSkewed.Array[stops].Array[stages - 1]
        select Funnel(stops, last, stopped);

    private static NationalTable Funnel(int stops, long last, long[][] stopped)
    {
        var reached = new long[stopped.Length + 1];
        reached[^1] = last;
        for (var s = stopped.Length - 1; s >= 0; s--) reached[s] = reached[s + 1] + stopped[s].Sum();
        return NationalTable.Funnel("f", "F", "Stage", new("reached", "Reached"),
            [.. Enumerable.Range(0, stops).Select(c => new NationalColumn($"s{c}", $"S{c}"))],
            [.. reached.Select((count, s) => ($"st{s}", $"St{s}", count, (IReadOnlyList<long>)(s < stopped.Length ? stopped[s] : [])))], NoChart);
    }

    [Fact]
    public void Crosstabs_show_no_small_count_change_no_shown_value_and_give_no_hidden_count_away() =>
        Crosstabs.Sample(AssertSafe, iter: 400);

    [Fact]
    public void Funnels_show_no_small_count_change_no_shown_value_and_give_no_hidden_count_away() =>
        Funnels.Sample(AssertSafe, iter: 400);

    private static void AssertSafe(NationalTable raw)
    {
        var table = Suppression.Apply(raw);
        var hidden = new List<CellRef>();
        for (var r = 0; r < raw.Rows.Count; r++)
        {
            for (var c = 0; c < raw.Columns.Count; c++)
            {
                var (before, after) = (raw.Rows[r].Cells[c], table.Rows[r].Cells[c]);
                if (after.Suppressed)
                {
                    Assert.Null(after.Value);
                    hidden.Add(new CellRef(r, c));
                }
                else
                {
                    Assert.Equal(before.Value, after.Value);
                    if (after.Value is { } shown) Assert.True(shown >= NationalCell.Threshold, $"{shown} shown at ({r}, {c})");
                }
            }
        }

        var unknowns = hidden.Where(h => raw.Sums.Any(s => s.Total == h || s.Parts.Contains(h))).ToList();
        var equations = raw.Sums.Select(s => unknowns.Select(u => (s.Total == u ? 1.0 : 0.0) - s.Parts.Count(p => p == u)).ToArray())
            .Where(e => e.Any(a => a != 0)).ToList();
        var rank = Rank(equations);
        foreach (var (cell, i) in unknowns.Select((cell, i) => (cell, i)))
        {
            var unit = unknowns.Select((_, j) => j == i ? 1.0 : 0.0).ToArray();
            Assert.True(Rank([.. equations, unit]) > rank, $"({cell.Row}, {cell.Column}) can be worked out from the sums");
        }
    }

    private static int Rank(List<double[]> matrix)
    {
        var rows = matrix.Select(r => (double[])r.Clone()).ToList();
        var rank = 0;
        var width = rows.Count == 0 ? 0 : rows[0].Length;
        for (var col = 0; col < width && rank < rows.Count; col++)
        {
            var pivot = Enumerable.Range(rank, rows.Count - rank).MaxBy(r => Math.Abs(rows[r][col]));
            if (Math.Abs(rows[pivot][col]) < 1e-9) continue;
            (rows[rank], rows[pivot]) = (rows[pivot], rows[rank]);
            for (var r = rank + 1; r < rows.Count; r++)
            {
                var factor = rows[r][col] / rows[rank][col];
                for (var k = col; k < width; k++) rows[r][k] -= factor * rows[rank][k];
            }

            rank++;
        }

        return rank;
    }
}
