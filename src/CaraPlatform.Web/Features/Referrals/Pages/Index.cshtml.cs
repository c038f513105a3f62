using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>The tenant's referrals, newest first, with the API's filters and keyset cursor.</summary>
[Authorize(Policy = PortalPolicies.ReferralReader)]
public sealed class ReferralListModel(
    ReferralHandler handler, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserTenants userTenants, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    public sealed record Row(Referral Referral, string OffenderName, ReferralDeadlineStatus Deadline);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)] public ReferralStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedFrom { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? ReceivedTo { get; set; }

    [BindProperty(SupportsGet = true)] public string? PoliceReference { get; set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo!;
        Roles = await userTenants.RolesAsync(tenant, User, cancellationToken);
        var errors = ModelState.Where(e => e.Value?.Errors.Count > 0).Select(e => $"'{e.Key}' is not valid: use the date picker or a date like 2026-01-31.").ToList();
        if (ReceivedFrom > ReceivedTo) errors.Add("'Received to' must not be before 'Received from'.");
        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        try
        {
            var page = await handler.ListAsync(
                new ReferralQuery(Status is { } s ? [s] : null, ReceivedFrom, ReceivedTo, PoliceReference, Cursor, PageSize), User, cancellationToken);
            Rows = [.. page.Items.Select(r => new Row(r, $"{r.Offender.GivenName} {r.Offender.FamilyName}", ReferralDeadlines.Classify(r, tenant.Settings, clock)))];
            NextCursor = page.NextCursor;
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
        if (ReceivedFrom is { } from) values["receivedFrom"] = ReferralDisplay.Iso(from);
        if (ReceivedTo is { } to) values["receivedTo"] = ReferralDisplay.Iso(to);
        if (!string.IsNullOrWhiteSpace(PoliceReference)) values["policeReference"] = PoliceReference;
        if (cursor is not null) values["cursor"] = cursor;
        return values;
    }
}
