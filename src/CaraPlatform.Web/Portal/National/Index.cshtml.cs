using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Portal.National;

/// <summary>
/// The licence holder's home: the pages the person's platform roles reach, and, for someone who is also a member of a
/// tenant, the way to their services.
/// </summary>
[Authorize(Policy = NationalPolicies.Staff)]
public sealed class NationalHomeModel(UserManager<CaraUser> users, UserTenants userTenants, IEnumerable<NationalLink> links,
    IEnumerable<INationalHomeBanners> banners) : PageModel
{
    public IReadOnlyList<PlatformRole> Roles { get; private set; } = [];

    public IReadOnlyList<NationalLink> Links { get; private set; } = [];

    public int Memberships { get; private set; }

    public IReadOnlyList<HomeBanner> Banners { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Roles = user.PlatformRoles;
        Links = links.For(user.PlatformRoles);
        Memberships = (await userTenants.ForUserAsync(user.Id, cancellationToken)).Count;
        var shown = new List<HomeBanner>();
        // One after another: the features share this request's DbContext, which takes one query at a time.
        foreach (var feature in banners) shown.AddRange(await feature.BannersAsync(user.PlatformRoles, cancellationToken));
        Banners = shown;
        return Page();
    }
}
