namespace CaraPlatform.Web.Portal.National;

/// <summary>
/// A page a feature offers in the licence holder's service navigation, to the platform roles that may use it; features
/// register theirs in their module (<see cref="NationalLinks.AddNationalLink"/>), so the shell knows no feature.
/// </summary>
/// <param name="Text">The link's words in the navigation.</param>
/// <param name="Path">The page's path below <c>/national/</c>.</param>
/// <param name="Roles">The platform roles that see the link (any one of them).</param>
/// <param name="Order">Its place in the navigation, after Home.</param>
/// <param name="Description">A sentence for the national home page's card about the page.</param>
public sealed record NationalLink(string Text, string Path, IReadOnlyList<PlatformRole> Roles, int Order, string Description);

public static class NationalLinks
{
    public static IServiceCollection AddNationalLink(this IServiceCollection services, NationalLink link) => services.AddSingleton(link);

    /// <summary>The links a person holding <paramref name="roles"/> sees, in navigation order.</summary>
    public static IReadOnlyList<NationalLink> For(this IEnumerable<NationalLink> links, IReadOnlyCollection<PlatformRole> roles) =>
        [.. links.Where(l => l.Roles.Intersect(roles).Any()).OrderBy(l => l.Order)];
}

/// <summary>The licence holder's service navigation, drawn with the tenant navigation's view.</summary>
public sealed class NationalNavViewComponent(UserManager<CaraUser> users, IEnumerable<NationalLink> links) : ViewComponent
{
    public const string Home = "/national";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (User.Identity?.IsAuthenticated != true || await users.GetUserAsync(UserClaimsPrincipal) is not { PlatformRoles.Count: > 0 } user)
            return Content("");
        var items = new List<TenantNavItem> { new("Home", Home, "nav-home", null) };
        items.AddRange(links.For(user.PlatformRoles).Select(l => new TenantNavItem(l.Text, $"{Home}/{l.Path}", "nav-" + l.Path.Replace('/', '-'), null)));
        var path = HttpContext.Request.Path.Value ?? "";
        var current = items.Where(i => path.Equals(i.Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(i.Href + "/", StringComparison.OrdinalIgnoreCase))
            .MaxBy(i => i.Href.Length);
        return View("/Portal/Shared/Components/TenantNav/Default.cshtml", new TenantNav(LicenceHolderName, Home, items, current?.Href));
    }

    /// <summary>How the workspace is named in its navigation.</summary>
    public const string LicenceHolderName = "Licence holder";
}
