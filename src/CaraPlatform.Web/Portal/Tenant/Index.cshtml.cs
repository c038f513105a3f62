using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Portal.Tenant;

/// <summary>
/// A tenant's home page: the work each feature has for the member's roles (<see cref="IHomeWork"/>). The folder's
/// TenantMember policy has already turned non-members away with 404.
/// </summary>
[Authorize(Policy = PortalPolicies.TenantMember)]
public sealed class TenantHomeModel(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants, IEnumerable<IHomeWork> work,
    IEnumerable<ITenantHomeBanners> banners)
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
        var shown = new List<HomeBanner>();
        foreach (var feature in banners) shown.AddRange(await feature.BannersAsync(viewer, cancellationToken));
        Banners = shown;
        return Page();
    }
}
