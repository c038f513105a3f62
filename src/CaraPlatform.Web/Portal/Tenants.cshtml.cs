namespace CaraPlatform.Web.Portal;

/// <summary>The tenant picker: where a person lands after signing in. One membership needs no choice.</summary>
[Authorize(Policy = PortalPolicies.Person)]
public sealed class TenantsModel(UserManager<CaraUser> users, UserTenants userTenants) : PageModel
{
    public IReadOnlyList<UserTenant> Memberships { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(users.GetUserId(User), out var userId)) return Challenge();
        Memberships = await userTenants.ForUserAsync(userId, cancellationToken);
        return Memberships.Count == 1 ? Redirect($"/t/{Uri.EscapeDataString(Memberships[0].Tenant.Identifier)}") : Page();
    }
}
