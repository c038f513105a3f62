using CaraPlatform.Web.Features.Notices.Contracts;

namespace CaraPlatform.Web.Portal;

/// <summary>
/// The route tenant's navigation for a signed-in member: its home, and the notice inbox with the unread count for
/// those who read it. Admin pages stay on the home page, so that no page shows two links of the same name.
/// </summary>
public sealed class TenantNavViewComponent(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants, IUnreadNotices notices)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo;
        if (tenant is null || User.Identity?.IsAuthenticated != true || !Guid.TryParse(users.GetUserId(UserClaimsPrincipal), out var userId))
            return Content("");
        var roles = await userTenants.RolesIn(tenant, userId, HttpContext.RequestAborted);
        if (roles is null) return Content("");

        var unread = await notices.UnreadForAsync(roles, HttpContext.RequestAborted);
        return View(new TenantNav(tenant.Identifier, tenant.Name, roles, unread));
    }
}

public sealed record TenantNav(string Tenant, string Name, IReadOnlyList<TenantRole> Roles, int? UnreadNotices);
