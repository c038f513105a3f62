using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>The coordinators' screening queue: referrals still to screen (Received or Screening), oldest first.</summary>
[Authorize(Policy = PortalPolicies.ReferralScreener)]
public sealed class ScreeningQueueModel(ReferralHandler handler, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    private static readonly ReferralStatus[] ToScreen = [ReferralStatus.Received, ReferralStatus.Screening];

    public IReadOnlyList<ReferralListModel.Row> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    public string? Error { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo!;
        try
        {
            var page = await handler.ListAsync(new ReferralQuery(ToScreen, Cursor: Cursor, Limit: PageSize, OldestFirst: true), User, cancellationToken);
            Rows = [.. page.Items.Select(r => new ReferralListModel.Row(r, $"{r.Offender.GivenName} {r.Offender.FamilyName}", ReferralDeadlines.Classify(r, tenant.Settings, clock)))];
            NextCursor = page.NextCursor;
        }
        catch (InvalidCursorException)
        {
            Error = "That page link is no longer valid. Start again from the first page.";
        }
    }
}
