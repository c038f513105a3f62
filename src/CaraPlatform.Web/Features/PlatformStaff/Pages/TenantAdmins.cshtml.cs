namespace CaraPlatform.Web.Features.PlatformStaff.Pages;

/// <summary>The LicenceAdmin invites a tenant's first provider admin: the tenant chosen here, the invitation made in its scope.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class TenantAdminsModel(TenantAdminInvitations invitations, IValidator<CreateAdminInvitationRequest> validator) : PageModel
{
    public IReadOnlyList<TenantChoice> Tenants { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty] public string? Tenant { get; set; }

    [BindProperty] public string? Email { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tenants = await invitations.TenantsAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Tenants = await invitations.TenantsAsync(cancellationToken);
        if (Tenants.All(t => t.Identifier != Tenant)) ModelState.AddModelError(nameof(Tenant), "Choose the service the administrator will run.");
        foreach (var error in (await validator.ValidateAsync(new CreateAdminInvitationRequest(Email), cancellationToken)).Errors)
            ModelState.AddModelError(nameof(Email), error.ErrorMessage);
        if (ModelState.ErrorCount > 0) return Page();

        var invitation = await invitations.InviteAsync(Tenant!, Email!, User.PersonId(), PublicAddress.SiteRoot(Request), cancellationToken);
        if (invitation is null)
        {
            ModelState.AddModelError(nameof(Tenant), "That service is not active any more.");
            return Page();
        }

        Notice = $"Invitation sent to {invitation.Email} as provider admin of {Tenants.Single(t => t.Identifier == Tenant).Name}.";
        (Tenant, Email) = (null, null);
        return Page();
    }
}
