namespace CaraPlatform.Web.Portal;

/// <summary>
/// The route tenant's service navigation for a signed-in member: its name, its home, and the pages the features offer
/// to the member's roles (<see cref="PortalLink"/>), the current one marked.
/// </summary>
public sealed class TenantNavViewComponent(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserManager<CaraUser> users, UserTenants userTenants, IEnumerable<PortalLink> links)
    : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo;
        if (tenant is null || User.Identity?.IsAuthenticated != true || !Guid.TryParse(users.GetUserId(UserClaimsPrincipal), out var userId))
            return Content("");
        var roles = await userTenants.RolesIn(tenant, userId, HttpContext.RequestAborted);
        if (roles is null) return Content("");

        var home = $"/t/{tenant.Identifier}";
        var items = new List<TenantNavItem> { new("Home", home, "nav-home", null) };
        foreach (var link in links.Where(l => l.Roles.Intersect(roles).Any()).OrderBy(l => l.Order))
        {
            var count = link.Count is null ? null : await link.Count(HttpContext.RequestServices, roles, HttpContext.User, HttpContext.RequestAborted);
            items.Add(new(link.Text, $"{home}/{link.Path}", "nav-" + link.Path.Replace('/', '-'), count));
        }

        var path = HttpContext.Request.Path.Value ?? "";
        var current = items.Where(i => path.Equals(i.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(i.Href + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(i => i.Href.Length);
        return View(new TenantNav(tenant.Name, home, items, current?.Href));
    }
}

public sealed record TenantNav(string Name, string Home, IReadOnlyList<TenantNavItem> Items, string? Current);

public sealed record TenantNavItem(string Text, string Href, string Id, int? Count);
