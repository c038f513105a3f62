using System.Globalization;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Web.Features.National.Exports;

namespace CaraPlatform.Web.Features.National.Pages;

/// <summary>
/// The analyst's dashboard: every registered national table for the filter, by section, each as a chart and as the
/// table behind it, with CSV and Excel downloads and "Export everything" as a queued job. Knows no measure by name.
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

    public NationalChoices Choices { get; private set; } = new([], []);

    /// <summary>The sections in dashboard order, each with its tables.</summary>
    public IReadOnlyList<(string Section, IReadOnlyList<NationalTable> Tables)> Sections { get; private set; } = [];

    /// <summary>The months offered for the period, newest first, as (yyyy-MM, "November 2026").</summary>
    public IReadOnlyList<(string Value, string Text)> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Choices = await choices.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var thisMonth = NationalReadModel.MonthOf(today);
        Months = [.. Enumerable.Range(0, MonthsOffered).Select(i => thisMonth.AddMonths(-i))
            .Select(m => (m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("MMMM yyyy", CultureInfo.InvariantCulture)))];
        var filter = Filter();
        if (filter is { From: { } from, To: { } to } && from > to)
        {
            Errors = ["The first month must not be after the last month."];
            filter = filter with { From = null, To = null };
        }

        var tables = await data.AllAsync(filter, cancellationToken);
        var sectionOf = data.Measures.ToDictionary(m => m.Id, m => m.Section, StringComparer.Ordinal);
        Sections = [.. tables.GroupBy(t => sectionOf[t.Id]).Select(g => (g.Key, (IReadOnlyList<NationalTable>)[.. g]))];
    }

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

    /// <summary>The filter's query values, for links that keep it (downloads, the export).</summary>
    public Dictionary<string, string?> Query(string? handler = null, string? table = null, string? format = null) => new()
    {
        ["force"] = Force,
        ["from"] = From,
        ["to"] = To,
        ["cohort"] = Cohort,
        ["language"] = Language,
        ["handler"] = handler,
        ["table"] = table,
        ["format"] = format,
    };

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
