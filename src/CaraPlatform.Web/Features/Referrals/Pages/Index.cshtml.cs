using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// The tenant's referrals, newest first, with the API's filters and keyset cursor, and a search by police reference,
/// name or date of birth (audited by <see cref="ReferralQueries.SearchAsync"/>). Errors are keyed by the query field
/// they are about, so the error summary links to the field.
/// </summary>
[Authorize(Policy = ReferralAccess.ReaderPolicy)]
public sealed class ReferralListModel(
    ReferralQueries queries, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserTenants userTenants) : PortalPageModel
{
    /// <summary>The filters that can fail to bind, by query name, with the label their messages begin with.</summary>
    private static readonly (string Name, string Label)[] Fields =
        [("status", "Status"), ("receivedFrom", "Received from"), ("receivedTo", "Received to"), ("dateOfBirth", "Date of birth")];

    public IReadOnlyList<ReferralListItem> Rows { get; private set; } = [];

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)] public ReferralStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedFrom { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedTo { get; set; }

    [BindProperty(SupportsGet = true)] public string? PoliceReference { get; set; }

    /// <summary>Search: part of a police reference or of the offender's name.</summary>
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>Search: the offender's date of birth.</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? DateOfBirth { get; set; }

    public bool Searched => !string.IsNullOrWhiteSpace(Q) || DateOfBirth is not null;

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = await userTenants.RolesAsync(tenantAccessor.MultiTenantContext.TenantInfo!, User, cancellationToken);
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0)
            .Select(e => (Field: Fields.FirstOrDefault(f => f.Name.Equals(e.Key, StringComparison.OrdinalIgnoreCase)), Message: e.Value!.Errors[0].ErrorMessage))
            .Select(e => e.Field.Name is null ? ("", "Check the filters.") : (e.Field.Name, Message(e.Field.Label, e.Message)))
            .ToList();
        if (ReceivedFrom > ReceivedTo) errors.Add(("receivedTo", "Received to must be the same as or after received from"));
        ModelState.Clear();
        if (errors.Count > 0)
        {
            foreach (var (field, message) in errors) ModelState.AddModelError(field, message);
            return Page();
        }

        try
        {
            var list = await queries.ListAsync(
                new ReferralQuery(Status is { } s ? [s] : null, ReceivedFrom, ReceivedTo, PoliceReference, Cursor, Search: Q, DateOfBirth: DateOfBirth),
                User, cancellationToken);
            Rows = list.Items;
            NextCursor = list.NextCursor;
        }
        catch (InvalidCursorException)
        {
            ModelState.AddModelError("", "That page link is no longer valid. Start again from the first page.");
        }

        return Page();
    }

    /// <summary>The binders' "Date must be a real date" or "'ReceivedTo' must be a date from …" as "Received to must be …".</summary>
    private static string Message(string label, string message) =>
        label + " " + (message.StartsWith("Date ", StringComparison.Ordinal) ? message[5..]
            : message.StartsWith('\'') ? message[(message.IndexOf("' ", 1, StringComparison.Ordinal) + 2)..].TrimEnd('.')
            : "is not valid");

    /// <summary>The current filters as query values, for the paging links.</summary>
    public RouteValueDictionary Filters(string? cursor)
    {
        var values = new RouteValueDictionary();
        if (Status is { } s) values["status"] = s.ToString();
        if (ReceivedFrom is { } from) values["receivedFrom"] = PortalDisplay.Iso(from);
        if (ReceivedTo is { } to) values["receivedTo"] = PortalDisplay.Iso(to);
        if (!string.IsNullOrWhiteSpace(PoliceReference)) values["policeReference"] = PoliceReference;
        if (!string.IsNullOrWhiteSpace(Q)) values["q"] = Q;
        if (DateOfBirth is { } born) values["dateOfBirth"] = PortalDisplay.Iso(born);
        if (cursor is not null) values["cursor"] = cursor;
        return values;
    }
}
