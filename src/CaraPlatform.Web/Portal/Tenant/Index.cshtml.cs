namespace CaraPlatform.Web.Portal.Tenant;

/// <summary>A tenant's home page. The folder's TenantMember policy has already turned non-members away with 404.</summary>
[Authorize(Policy = PortalPolicies.TenantMember)]
public sealed class TenantHomeModel(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants) : PageModel
{
    public string TenantName { get; private set; } = "";

    public IReadOnlyList<TenantRole> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo;
        if (tenant is null || !Guid.TryParse(users.GetUserId(User), out var userId)) return NotFound();
        TenantName = tenant.Name;
        Roles = await userTenants.RolesIn(tenant, userId, cancellationToken) ?? [];
        return Page();
    }
}
