using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>The tenant's referrals, newest first, with the API's filters and keyset cursor.</summary>
[Authorize(Policy = ReferralAccess.ReaderPolicy)]
public sealed class ReferralListModel(
    ReferralQueries queries, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserTenants userTenants) : PortalPageModel
{
    public IReadOnlyList<ReferralListItem> Rows { get; private set; } = [];

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)] public ReferralStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedFrom { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedTo { get; set; }

    [BindProperty(SupportsGet = true)] public string? PoliceReference { get; set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Roles = await userTenants.RolesAsync(tenantAccessor.MultiTenantContext.TenantInfo!, User, cancellationToken);
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"'{e.Key}' is not valid: use the date picker or a date like 2026-01-31.").ToList();
        if (ReceivedFrom > ReceivedTo) errors.Add("'Received to' must not be before 'Received from'.");
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        try
        {
            var list = await queries.ListAsync(
                new ReferralQuery(Status is { } s ? [s] : null, ReceivedFrom, ReceivedTo, PoliceReference, Cursor), User, cancellationToken);
            Rows = list.Items;
            NextCursor = list.NextCursor;
        }
        catch (InvalidCursorException)
        {
            Errors = ["That page link is no longer valid. Start again from the first page."];
        }

        return Page();
    }

    /// <summary>The current filters as query values, for the paging links.</summary>
    public RouteValueDictionary Filters(string? cursor)
    {
        var values = new RouteValueDictionary();
        if (Status is { } s) values["status"] = s.ToString();
        if (ReceivedFrom is { } from) values["receivedFrom"] = PortalDisplay.Iso(from);
        if (ReceivedTo is { } to) values["receivedTo"] = PortalDisplay.Iso(to);
        if (!string.IsNullOrWhiteSpace(PoliceReference)) values["policeReference"] = PoliceReference;
        if (cursor is not null) values["cursor"] = cursor;
        return values;
    }
}
