using CaraPlatform.Domain.National;

namespace CaraPlatform.Domain.Tests.National;

public sealed class SuppressionTests
{
    private static readonly NationalChart NoChart = new(ChartKind.None);

    private static NationalTable Crosstab(params long[][] counts) => NationalTable.Crosstab(
        "t", "T", "Row",
        [.. Enumerable.Range(0, counts[0].Length).Select(c => new NationalColumn($"c{c}", $"C{c}"))],
        [.. counts.Select((row, r) => ($"r{r}", $"R{r}", (IReadOnlyList<long>)row))],
        NoChart);

    private static string[][] Shown(NationalTable table) => [.. table.Rows.Select(r => r.Cells.Select(c => c.Display).ToArray())];

    [Fact]
    public void Counts_under_five_and_zero_read_as_under_five_and_carry_no_value()
    {
        var table = Suppression.Apply(new NationalTable("t", "T", "Row", [new("a", "A"), new("b", "B"), new("c", "C")],
            [new("r", "R", [NationalCell.Count(0), NationalCell.Count(4), NationalCell.Count(5)])], [], NoChart));

        Assert.Equal(["<5", "<5", "5"], Shown(table)[0]);
        Assert.All(table.Rows[0].Cells.Take(2), c => Assert.Null(c.Value));
    }

    [Fact]
    public void A_table_with_nothing_small_is_shown_whole()
    {
        var table = Crosstab([10, 20], [30, 40]);
        Assert.Equal(Shown(table), Shown(Suppression.Apply(table)));
    }

    [Fact]
    public void A_lone_small_cell_of_a_crosstab_hides_the_smallest_rectangle_of_inner_cells_and_keeps_the_totals()
    {
        var table = Suppression.Apply(Crosstab([3, 10, 50], [20, 30, 60], [40, 70, 80]));

        Assert.Equal(
            [["<5", "<5", "50", "63"], ["<5", "<5", "60", "110"], ["40", "70", "80", "190"], ["63", "110", "190", "363"]],
            Shown(table));
    }

    [Fact]
    public void A_single_column_crosstab_hides_the_row_total_that_equals_the_small_cell()
    {
        var table = Suppression.Apply(Crosstab([3], [20], [30]));

        // Each row total is its one cell, so the small row and the smallest other row go, totals included.
        Assert.Equal([["<5", "<5"], ["<5", "<5"], ["30", "30"], ["53", "53"]], Shown(table));
    }

    [Fact]
    public void A_funnel_hides_a_small_stopper_and_enough_else_that_no_subtraction_between_stages_gives_it_away()
    {
        var funnel = NationalTable.Funnel("f", "F", "Stage", new("reached", "Reached"), [new("returned", "Returned"), new("withdrawn", "Withdrawn")],
            [("referred", "Referred", 100, [2, 18]), ("eligible", "Eligible", 80, [10, 20]), ("completed", "Completed", 50, [])], NoChart);

        var table = Suppression.Apply(funnel);

        Assert.True(table.Rows[0].Cells[1].Suppressed);
        Assert.Empty(Suppression.Recoverable(table.Sums, Hidden(table)));
        Assert.Equal("–", table.Rows[2].Cells[1].Display);
    }

    [Fact]
    public void A_funnel_that_does_not_add_up_is_refused() =>
        Assert.Throws<ArgumentException>(() => NationalTable.Funnel("f", "F", "Stage", new("reached", "Reached"), [new("stopped", "Stopped")],
            [("referred", "Referred", 100, [10]), ("eligible", "Eligible", 80, [])], NoChart));

    [Fact]
    public void A_percent_hides_when_its_numerator_or_its_complement_is_small_or_its_denominator_is_zero()
    {
        var table = Suppression.Apply(new NationalTable("t", "T", "Row", [new("p", "P", CellKind.Percent)],
            [
                new("few", "Few", [NationalCell.Percent(4, 100)]),
                new("most", "Most", [NationalCell.Percent(96, 100)]),
                new("none", "None", [NationalCell.Percent(0, 0)]),
                new("fine", "Fine", [NationalCell.Percent(5, 10)]),
            ], [], NoChart));

        Assert.Equal(["<5", "<5", "<5", "50.0%"], table.Rows.Select(r => r.Cells[0].Display));
    }

    [Fact]
    public void A_percent_built_on_a_count_hidden_by_secondary_suppression_is_hidden_too()
    {
        // 17 is hidden only to protect the 3 beside it; its share of 40 would give it back.
        var table = Suppression.Apply(new NationalTable("t", "T", "Force",
            [new("all", "All"), new("a", "A"), new("b", "B"), new("c", "C"), new("c-share", "C share", CellKind.Percent)],
            [new("f", "F", [NationalCell.Count(40), NationalCell.Count(3), NationalCell.Count(20), NationalCell.Count(17), NationalCell.Percent(17, 40).On(new(0, 3), new(0, 0))])],
            [new NationalSum(new(0, 0), [new(0, 1), new(0, 2), new(0, 3)])], NoChart));

        Assert.Equal(["40", "<5", "20", "<5", "<5"], Shown(table)[0]);
    }

    [Fact]
    public void Days_and_numbers_resting_on_fewer_than_five_people_are_hidden()
    {
        var table = Suppression.Apply(new NationalTable("t", "T", "Row", [new("d", "D", CellKind.Days), new("n", "N", CellKind.Number)],
            [new("r", "R", [NationalCell.Days(12, 4), NationalCell.Number(0.5m, 5)])], [], NoChart));

        Assert.Equal(["<5", "0.5"], Shown(table)[0]);
    }

    [Fact]
    public void A_hidden_cell_alone_in_its_row_is_recoverable_and_two_in_a_row_and_column_rectangle_are_not()
    {
        var table = Crosstab([10, 20], [30, 40]);

        Assert.Equal([new CellRef(0, 0)], Suppression.Recoverable(table.Sums, new HashSet<CellRef> { new(0, 0) }));
        Assert.Empty(Suppression.Recoverable(table.Sums, new HashSet<CellRef> { new(0, 0), new(0, 1), new(1, 0), new(1, 1) }));
    }

    private static HashSet<CellRef> Hidden(NationalTable table) =>
        [.. table.Rows.SelectMany((row, r) => row.Cells.Select((cell, c) => (cell, c)).Where(x => x.cell.Suppressed).Select(x => new CellRef(r, x.c)))];
}
