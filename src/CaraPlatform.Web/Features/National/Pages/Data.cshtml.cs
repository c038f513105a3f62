using System.Globalization;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Web.Features.National.Exports;

namespace CaraPlatform.Web.Features.National.Pages;

/// <summary>
/// The analyst's dashboard: the registered national tables for the filter, one section at a time, each as a chart and
/// as the table behind it, with CSV and Excel downloads and "Export everything" as a queued job. The page itself computes
/// no table (unless one is asked for by <see cref="Table"/>): each comes from <see cref="OnGetTableAsync"/>, so every
/// request stays within one table's time. Knows no measure by name.
/// </summary>
[Authorize(Policy = NationalPolicies.Data)]
public sealed class DataModel(NationalData data, NationalChoicesQuery choices, NationalExports exports, TimeProvider clock) : PortalPageModel
{
    /// <summary>How many months back the period choices go.</summary>
    private const int MonthsOffered = 36;

    [BindProperty(SupportsGet = true)] public string? Force { get; set; }

    /// <summary>The first month, as <c>yyyy-MM</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }

    /// <summary>The last month, as <c>yyyy-MM</c>.</summary>
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }

    [BindProperty(SupportsGet = true)] public string? Language { get; set; }

    /// <summary>The section shown; the first when none (or an unknown one) is asked for.</summary>
    [BindProperty(SupportsGet = true)] public string? Section { get; set; }

    /// <summary>A table to compute with the page rather than after it: the link a placeholder offers without script.</summary>
    [BindProperty(SupportsGet = true)] public string? Table { get; set; }

    public NationalChoices Choices { get; private set; } = new([], []);

    /// <summary>Every section, in dashboard order.</summary>
    public IReadOnlyList<string> SectionNames { get; } = [.. data.Measures.Select(m => m.Section).Distinct()];

    /// <summary>The shown section's tables, in order.</summary>
    public IReadOnlyList<INationalMeasure> SectionMeasures { get; private set; } = [];

    /// <summary>The table computed with the page, when <see cref="Table"/> names one.</summary>
    public NationalTableView? Shown { get; private set; }

    /// <summary>The months offered for the period, newest first, as (yyyy-MM, "November 2026").</summary>
    public IReadOnlyList<(string Value, string Text)> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Choices = await choices.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var thisMonth = NationalReadModel.MonthOf(today);
        Months = [.. Enumerable.Range(0, MonthsOffered).Select(i => thisMonth.AddMonths(-i))
            .Select(m => (m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("MMMM yyyy", CultureInfo.InvariantCulture)))];
        var filter = CheckedFilter();
        if (Table is { } id && data.Find(id) is { } measure)
        {
            Section = measure.Section;
            Shown = View((await data.TableAsync(id, filter, cancellationToken))!);
        }

        if (!SectionNames.Contains(Section)) Section = SectionNames.Count > 0 ? SectionNames[0] : null;
        SectionMeasures = [.. data.Measures.Where(m => m.Section == Section)];
    }

    /// <summary>One table, chart and figures, as the HTML the page's script puts in its placeholder.</summary>
    public async Task<IActionResult> OnGetTableAsync(CancellationToken cancellationToken) =>
        Table is { } id && await data.TableAsync(id, CheckedFilter(), cancellationToken) is { } table
            ? Partial("_NationalTable", View(table))
            : NotFound();

    /// <summary>One table as CSV or XLSX, for people signed in to the portal (the API has the same for tokens).</summary>
    public async Task<IActionResult> OnGetDownloadAsync(string table, string format, CancellationToken cancellationToken) =>
        Enum.TryParse<ExportFormat>(format, ignoreCase: true, out var fileFormat) && Enum.IsDefined(fileFormat)
        && await exports.TableAsync(table, Filter(), fileFormat, cancellationToken) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();

    /// <summary>Queues every table for the filter as one workbook and shows its progress.</summary>
    public async Task<IActionResult> OnPostExportAsync(CancellationToken cancellationToken)
    {
        await exports.QueueAllAsync(Person, Filter(), cancellationToken);
        return RedirectToPage("Export");
    }

    /// <summary>The filter's query values, for links that keep it (sections, tables, downloads, the export).</summary>
    public Dictionary<string, string?> Query(string? handler = null, string? table = null, string? format = null, string? section = null) => new()
    {
        ["section"] = section,
        ["force"] = Force,
        ["from"] = From,
        ["to"] = To,
        ["cohort"] = Cohort,
        ["language"] = Language,
        ["handler"] = handler,
        ["table"] = table,
        ["format"] = format,
    };

    private NationalTableView View(NationalTable table) =>
        new(table, Url.Page(null, Query("Download", table.Id, "csv"))!, Url.Page(null, Query("Download", table.Id, "xlsx"))!);

    /// <summary>The filter, with a period that ends before it starts dropped (and said so).</summary>
    private NationalFilter CheckedFilter()
    {
        var filter = Filter();
        if (filter is not { From: { } from, To: { } to } || from <= to) return filter;
        Errors = ["The first month must not be after the last month."];
        return filter with { From = null, To = null };
    }

    /// <summary>The filter as chosen; a value that is not one of the choices (a hand-edited link) is ignored.</summary>
    private NationalFilter Filter() => new(
        Tenant: null,
        Force: string.IsNullOrEmpty(Force) ? null : Force,
        From: MonthValue(From),
        To: MonthValue(To),
        Cohort: Enum.TryParse<Cohort>(Cohort, out var cohort) && Enum.IsDefined(cohort) ? cohort : null,
        Language: string.IsNullOrEmpty(Language) ? null : Language);

    private static DateOnly? MonthValue(string? month) =>
        DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value) ? value : null;

    // The data policy admits signed-in people only.
    private Guid Person => User.PersonId() ?? throw new InvalidOperationException("No person signed in.");
}

/// <summary>A table as the dashboard shows it, with its download links (which keep the filter).</summary>
public sealed record NationalTableView(NationalTable Table, string CsvUrl, string XlsxUrl);
