using System.Text;

namespace CaraPlatform.Web.Features.AuditLog.Pages;

/// <summary>
/// The tenant's audit log, newest first, filtered as the API filters it, with its CSV export (handler <c>csv</c>).
/// Each showing and each export is audited by <see cref="AuditLogQueries"/>.
/// </summary>
[Authorize(Policy = AuditLogAccess.ReaderPolicy)]
public sealed class AuditLogModel(AuditLogQueries queries, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PortalPageModel
{
    public IReadOnlyList<AuditLogEntry> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    /// <summary>Who acted: a person's email or an integration client's id.</summary>
    [BindProperty(SupportsGet = true)] public string? Person { get; set; }

    /// <summary>A police reference, a referral id, or a subject as written.</summary>
    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true)] public string? Action { get; set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Valid()) return Page();
        try
        {
            var page = await queries.SearchAsync(Query(Cursor), User, cancellationToken);
            Rows = page.Items;
            NextCursor = page.NextCursor;
        }
        catch (InvalidCursorException)
        {
            ModelState.AddModelError("", "That page link is no longer valid. Start again from the first page.");
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (!Valid()) return Page();
        var csv = new StringBuilder();
        await using (var writer = new StringWriter(csv))
            await queries.ExportCsvAsync(Query(null), User, writer, cancellationToken);
        return File(new UTF8Encoding(false).GetBytes(csv.ToString()), "text/csv", AuditLogCsv.FileName(tenants.Current().Identifier));
    }

    /// <summary>The current filters as query values, for the paging and export links.</summary>
    public RouteValueDictionary Filters(string? cursor, string? handler = null)
    {
        var values = new RouteValueDictionary();
        if (!string.IsNullOrWhiteSpace(Person)) values["person"] = Person;
        if (!string.IsNullOrWhiteSpace(Subject)) values["subject"] = Subject;
        if (From is { } from) values["from"] = PortalDisplay.Iso(from);
        if (To is { } to) values["to"] = PortalDisplay.Iso(to);
        if (!string.IsNullOrWhiteSpace(Action)) values["action"] = Action;
        if (cursor is not null) values["cursor"] = cursor;
        if (handler is not null) values["handler"] = handler;
        return values;
    }

    private AuditLogQuery Query(string? cursor) => new(Person, Subject, From, To, Action, cursor);

    /// <summary>Whether the dates bound and are in order; otherwise the errors, keyed by their field for the error summary.</summary>
    private bool Valid()
    {
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => e.Key.ToLowerInvariant()).ToList();
        ModelState.Clear();
        if (errors.Contains("from")) ModelState.AddModelError("from", "From must be a real date");
        if (errors.Contains("to")) ModelState.AddModelError("to", "To must be a real date");
        if (From > To) ModelState.AddModelError("to", "To must be the same as or after from");
        return ModelState.IsValid;
    }
}
