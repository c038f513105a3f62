namespace CaraPlatform.Web.Features.PlatformStaff.Pages;

/// <summary>The LicenceAdmin's staff page: who holds platform roles, changing them, inviting people and cancelling invitations.</summary>
[Authorize(Policy = NationalPolicies.LicenceAdmin)]
public sealed class StaffModel(PlatformStaffHandler staff, StaffInvitations invitations, IValidator<CreateStaffInvitationRequest> invitationValidator) : PageModel
{
    public IReadOnlyList<PlatformStaffResponse> Staff { get; private set; } = [];

    public IReadOnlyList<StaffInvitationResponse> OpenInvitations { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty] public string? InviteEmail { get; set; }

    [BindProperty] public string? InviteName { get; set; }

    [BindProperty] public List<PlatformRole> InviteRoles { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(Guid userId, List<PlatformRole> roles, CancellationToken cancellationToken)
    {
        try
        {
            var person = await staff.SetRolesAsync(userId, roles, User.PersonId(), cancellationToken);
            if (person is null) ModelState.AddModelError("", "That person no longer has an account.");
            else Notice = person.Roles.Count == 0 ? $"{person.Email} no longer holds a platform role." : $"{person.Email}'s roles are now {PortalDisplay.Roles(person.Roles)}.";
        }
        catch (ProblemException refused)
        {
            ModelState.AddModelError("", $"{refused.Problem.Title}.");
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var request = new CreateStaffInvitationRequest(InviteEmail, InviteName, InviteRoles);
        var validation = await invitationValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            // The request's fields are the form's Invite… fields: each message goes to its field.
            foreach (var error in validation.Errors)
                ModelState.AddModelError(FieldOf(error.PropertyName), error.ErrorMessage);
            return await PageAsync(cancellationToken);
        }

        var issued = await invitations.InviteAsync(request.Email!, request.Name, request.Roles!, User.PersonId(), PublicAddress.SiteRoot(Request), cancellationToken);
        Notice = $"Invitation sent to {issued.Invitation.Email}.";
        (InviteEmail, InviteName, InviteRoles) = (null, null, []);
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await invitations.CancelAsync(invitationId, User.PersonId(), cancellationToken);
        if (invitation is null) ModelState.AddModelError("", "That invitation no longer exists.");
        else Notice = $"The invitation to {invitation.Email} is cancelled.";
        return await PageAsync(cancellationToken);
    }

    private static string FieldOf(string property) =>
        property.StartsWith("roles", StringComparison.OrdinalIgnoreCase) ? nameof(InviteRoles)
        : property.StartsWith("name", StringComparison.OrdinalIgnoreCase) ? nameof(InviteName)
        : nameof(InviteEmail);

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Staff = await staff.ListAsync(cancellationToken);
        OpenInvitations = await invitations.ListOpenAsync(cancellationToken);
    }
}
