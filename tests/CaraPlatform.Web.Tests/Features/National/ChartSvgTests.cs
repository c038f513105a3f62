using System.Xml.Linq;
using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National.Charts;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>The dashboard's server-side charts: well-formed, accessible SVG that never draws a suppressed figure.</summary>
public sealed class ChartSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static NationalTable Trends(ChartKind kind, decimal? reference = null) => HideSmallCounts(NationalTable.Crosstab(
        "trends", "Referrals by force", "Force",
        [new("2026-09", "Sep 2026"), new("2026-10", "Oct 2026"), new("2026-11", "Nov 2026")],
        [("north", "North Constabulary", [12, 3, 9]), ("south", "South <Police> & Co", [20, 18, 7])],
        new NationalChart(kind, reference, reference is null ? null : "Target")));

    private static XElement Render(NationalTable table) => XElement.Parse(ChartSvg.Render(table, "c1"));

    [Theory]
    [InlineData(ChartKind.Bar)]
    [InlineData(ChartKind.StackedBar)]
    [InlineData(ChartKind.Line)]
    [InlineData(ChartKind.Histogram)]
    [InlineData(ChartKind.Funnel)]
    public void Every_kind_is_an_image_with_a_title_and_a_description_pointing_to_the_table(ChartKind kind)
    {
        var svg = Render(Trends(kind));

        Assert.Equal("img", (string?)svg.Attribute("role"));
        Assert.Equal("c1-title c1-desc", (string?)svg.Attribute("aria-labelledby"));
        Assert.Equal("Referrals by force", svg.Element(Svg + "title")?.Value);
        Assert.Contains("The table below the chart gives every figure.", svg.Element(Svg + "desc")?.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("http", ChartSvg.Render(Trends(kind), "c1").Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_chart_draws_no_bar_for_a_suppressed_count_and_marks_it_less_than_5()
    {
        var table = HideSmallCounts(NationalTable.Crosstab("by-force", "By force", "Force", [new("referrals", "Referrals")],
            [("north", "North", [12]), ("south", "South", [3]), ("east", "East", [7])], new NationalChart(ChartKind.Bar)));

        var svg = Render(table);

        var bars = svg.Descendants(Svg + "rect").Where(r => r.Parent?.Name == Svg + "svg").ToList();
        Assert.Equal(["North, Referrals: 12", "East, Referrals: 7"], bars.Select(b => b.Element(Svg + "title")!.Value));
        var mark = Assert.Single(svg.Descendants(Svg + "text"), t => (string?)t.Attribute("class") == "suppressed");
        Assert.StartsWith("<5", mark.Value, StringComparison.Ordinal);
        Assert.DoesNotContain(svg.Descendants(), e => e.Value.Contains("South, Referrals: 3", StringComparison.Ordinal));
    }

    [Fact]
    public void A_line_chart_draws_one_line_per_row_with_a_gap_at_a_suppressed_month_and_a_legend_with_markers()
    {
        var svg = Render(Trends(ChartKind.Line));

        var lines = svg.Elements(Svg + "path").Where(p => (string?)p.Attribute("fill") == "none").ToList();
        Assert.Equal(2, lines.Count);
        // North's October is hidden: the line stops at September and starts again at November.
        Assert.Equal(2, lines[0].Attribute("d")!.Value.Count(c => c == 'M'));
        Assert.Equal(1, lines[1].Attribute("d")!.Value.Count(c => c == 'M'));
        Assert.NotEqual(lines[0].Attribute("stroke-dasharray")!.Value, lines[1].Attribute("stroke-dasharray")!.Value);
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "South <Police> & Co");
        Assert.Contains(svg.Descendants(Svg + "title"), t => t.Value == "North Constabulary, Oct 2026: <5");
    }

    [Fact]
    public void Series_differ_by_pattern_as_well_as_colour()
    {
        var svg = Render(Trends(ChartKind.Bar));

        var patterns = svg.Descendants(Svg + "pattern").ToList();
        Assert.Equal(3, patterns.Count);
        Assert.Equal(3, patterns.Select(p => string.Concat(p.Elements().Skip(1).Select(e => e.ToString()))).Distinct().Count());
        Assert.Equal(3, patterns.Select(p => (string?)p.Element(Svg + "rect")!.Attribute("fill")).Distinct().Count());
    }

    [Fact]
    public void A_histogram_draws_its_reference_line_at_the_row_position_with_its_label()
    {
        var table = NationalTable.Crosstab("days", "Days to first contact", "Days", [new("referrals", "Referrals")],
            [.. Enumerable.Range(0, 4).Select(i => ($"{i * 7}", $"{i * 7}-{(i * 7) + 6} days", (IReadOnlyList<long>)[10 + i]))],
            new NationalChart(ChartKind.Histogram, 2, "14-day target"));

        var svg = Render(table);

        var line = Assert.Single(svg.Elements(Svg + "line"), l => (string?)l.Attribute("class") == "reference-line");
        var bars = svg.Elements(Svg + "rect").ToList();
        Assert.Equal((string?)bars[2].Attribute("x"), (string?)line.Attribute("x1"));
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "14-day target");
    }

    [Fact]
    public void A_funnel_labels_each_stage_with_its_figure()
    {
        var table = NationalTable.Crosstab("funnel", "Funnel", "Stage", [new("people", "People")],
            [("referred", "Referred", [40]), ("eligible", "Eligible", [30]), ("completed", "Completed", [2])], new NationalChart(ChartKind.Funnel));

        var svg = Render(HideSmallCounts(table));

        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "Referred: 40");
        Assert.Contains(svg.Elements(Svg + "text"), t => t.Value == "Completed: <5");
        Assert.Equal(2, svg.Elements(Svg + "rect").Count());
    }

    [Fact]
    public void A_table_without_rows_says_so()
    {
        var table = NationalTable.Crosstab("empty", "Empty", "Force", [], [], new NationalChart(ChartKind.Line));

        Assert.Contains(Render(table).Elements(Svg + "text"), t => t.Value == "No figures for this filter");
    }

    /// <summary>Counts under 5 hidden and nothing else: the charts draw what they are given, whatever suppression decided.</summary>
    private static NationalTable HideSmallCounts(NationalTable table) => table with
    {
        Rows = [.. table.Rows.Select(r => r with { Cells = [.. r.Cells.Select(c => c.Kind == CellKind.Count && c.Value < NationalCell.Threshold ? c.Suppress() : c)] })],
    };
}
