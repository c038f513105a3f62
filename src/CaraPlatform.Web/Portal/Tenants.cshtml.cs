namespace CaraPlatform.Web.Portal;

/// <summary>
/// The tenant picker: where a person without a licence-holder role lands after signing in. One membership needs no choice;
/// licence-holder staff also see their workspace here.
/// </summary>
[Authorize(Policy = PortalPolicies.Person)]
public sealed class TenantsModel(UserManager<CaraUser> users, UserTenants userTenants) : PageModel
{
    public IReadOnlyList<UserTenant> Memberships { get; private set; } = [];

    /// <summary>Whether the person holds a licence-holder role, so the picker offers the licence holder's workspace too.</summary>
    public bool LicenceHolder { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        Memberships = await userTenants.ForUserAsync(user.Id, cancellationToken);
        LicenceHolder = user.PlatformRoles.Count > 0;
        return Memberships.Count == 1 && !LicenceHolder ? Redirect($"/t/{Uri.EscapeDataString(Memberships[0].Tenant.Identifier)}") : Page();
    }
}
