using CaraPlatform.Web.Portal.Forms;

namespace CaraPlatform.Web.Tests.Portal;

/// <summary>Every date on a page is typed as day, month and year, in that order, and a date that does not exist is named.</summary>
public sealed class DateInputTests
{
    [Theory]
    [InlineData("27", "3", "1990", 1990, 3, 27)]
    [InlineData("01", "03", "1990", 1990, 3, 1)]
    [InlineData(" 29 ", "2", "2024", 2024, 2, 29)]
    public void Day_month_and_year_make_the_date(string day, string month, string year, int y, int m, int d) =>
        Assert.Equal((new DateOnly(y, m, d), (string?)null), DateInput.Parse(day, month, year));

    [Theory]
    [InlineData("31", "2", "2026", "Date must be a real date")]
    [InlineData("29", "2", "2025", "Date must be a real date")]
    [InlineData("0", "1", "2026", "Date must be a real date")]
    [InlineData("1", "13", "2026", "Date must be a real date")]
    [InlineData("27", "March", "1990", "Date must be a real date, in numbers, for example 27 3 1990")]
    [InlineData("27", "3", "90", "Year must include 4 numbers")]
    [InlineData("27", "", "1990", "Date must include a month")]
    [InlineData("", "", "1990", "Date must include a day and month")]
    [InlineData("1", "1", "1899", "Date must be a date from 1900-01-01 to 2999-12-31")]
    public void A_date_that_does_not_exist_or_is_incomplete_is_refused_with_a_reason(string day, string month, string year, string message) =>
        Assert.Equal((null, message), DateInput.Parse(day, month, year));

    [Fact]
    public void Three_empty_boxes_are_no_date() => Assert.Equal((null, null), DateInput.Parse("", " ", null));

    [Fact]
    public void No_page_uses_the_browsers_own_date_picker()
    {
        // The browser's picker shows its own order (mm/dd/yyyy in some locales) and is hard to use by voice: every date is a cara-date.
        var pages = Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "src", "CaraPlatform.Web"), "*.cshtml", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(pages);
        Assert.DoesNotContain(pages, f => File.ReadAllText(f) is var text
            && (text.Contains("type=\"date\"", StringComparison.OrdinalIgnoreCase) || text.Contains("type=\"datetime-local\"", StringComparison.OrdinalIgnoreCase)));
    }
}
