using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Portal.Tenant;

/// <summary>
/// A tenant's home page: the work each feature has for the member's roles (<see cref="IHomeWork"/>). The folder's
/// TenantMember policy has already turned non-members away with 404. Work lists name people, so a home page that
/// shows any item is audited once, by which lists and how many items, never by whom.
/// </summary>
[Authorize(Policy = PortalPolicies.TenantMember)]
public sealed class TenantHomeModel(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants, IEnumerable<IHomeWork> work,
    IEnumerable<ITenantHomeBanners> banners, AuditTrail audit)
    : PageModel
{
    public string TenantName { get; private set; } = "";

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    public IReadOnlyList<WorkList> Lists { get; private set; } = [];

    public IReadOnlyList<HomeBanner> Banners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo;
        if (tenant is null || !Guid.TryParse(users.GetUserId(User), out var userId)) return NotFound();
        TenantName = tenant.Name;
        Roles = await userTenants.RolesIn(tenant, userId, cancellationToken) ?? [];
        var viewer = new HomeViewer(tenant.Identifier, userId, Roles, User);
        var lists = new List<WorkList>();
        // One after another: the features share this request's DbContext, which takes one query at a time.
        foreach (var feature in work) lists.AddRange(await feature.ListsAsync(viewer, cancellationToken));
        Lists = lists;
        if (lists.Any(l => l.Items.Count > 0))
        {
            var shown = string.Join(", ", lists.Where(l => l.Items.Count > 0).Select(l => $"{l.Id} ({l.Items.Count})"));
            await audit.RecordAsync(AuditEntries.By(User, AuditActions.HomeWorkViewed, tenant.TenantId, "home", $"work lists shown: {shown}"), cancellationToken);
        }

        var bannersShown = new List<HomeBanner>();
        foreach (var feature in banners) bannersShown.AddRange(await feature.BannersAsync(viewer, cancellationToken));
        Banners = bannersShown;
        return Page();
    }
}
