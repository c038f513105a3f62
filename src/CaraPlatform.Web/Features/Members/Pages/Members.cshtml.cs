using CaraPlatform.Domain.Tenants;
using CaraPlatform.Web.Features.Members.Contracts;

namespace CaraPlatform.Web.Features.Members.Pages;

/// <summary>A ProviderAdmin's staff: roles, removal and invitations, through the same handlers as the API.</summary>
[Authorize(Policy = PortalPolicies.TenantAdmin)]
public sealed class MembersModel(
    TenantMembers members, Invitations invitations, IValidator<CreateInvitationRequest> invitationValidator, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    : PortalPageModel
{
    /// <summary>
    /// The tenant's forces, offered for a ForceSpoc only when there are several: a tenant of one force gives a SPOC its own.
    /// </summary>
    public IReadOnlyList<ForceDefinition> Forces => tenants.Current().Settings.Forces;

    public bool ChoosesForces => Forces.Count > 1;

    public IReadOnlyList<MemberResponse> Members { get; private set; } = [];

    public IReadOnlyList<InvitationResponse> OpenInvitations { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty] public string? InviteEmail { get; set; }

    [BindProperty] public List<TenantRole> InviteRoles { get; set; } = [];

    [BindProperty] public List<string> InviteForces { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(Guid memberId, List<TenantRole> roles, List<string> forceCodes, uint version, CancellationToken cancellationToken)
    {
        if (roles.Count == 0)
        {
            Refuse("Choose at least one role, or remove the member instead.");
            return await PageAsync(cancellationToken);
        }

        try
        {
            var member = await members.ChangeRolesAsync(memberId, roles, ChoosesForces ? forceCodes : null, version, User.PersonId(), cancellationToken);
            Report(member is not null, $"{member?.Email}'s roles are now {PortalDisplay.Roles(member?.Roles ?? [])}.");
        }
        catch (DbUpdateConcurrencyException)
        {
            Refuse("Someone else changed this member while you were editing. The list below is up to date: make your change again.");
        }
        catch (ProblemException refused)
        {
            Refuse(Describe(refused));
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId, CancellationToken cancellationToken)
    {
        try
        {
            Report(await members.RemoveAsync(memberId, User.PersonId(), cancellationToken), "The member has been removed from this service.");
        }
        catch (ProblemException refused)
        {
            Refuse(Describe(refused));
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var request = new CreateInvitationRequest(InviteEmail, InviteRoles, ChoosesForces ? InviteForces : null);
        var validation = await invitationValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            // The request's "email" and "roles" are the form's InviteEmail and InviteRoles: each message goes to its field.
            foreach (var error in validation.Errors)
                ModelState.AddModelError(error.PropertyName.StartsWith("roles", StringComparison.OrdinalIgnoreCase) ? nameof(InviteRoles) : nameof(InviteEmail),
                    error.ErrorMessage);
            return await PageAsync(cancellationToken);
        }

        InvitationResponse invitation;
        try
        {
            invitation = await invitations.InviteAsync(request.Email!, request.Roles!, request.ForceCodes, User.PersonId(), PublicAddress.SiteRoot(Request), cancellationToken);
        }
        catch (ProblemException refused) when (refused.Problem is HttpValidationProblemDetails invalid)
        {
            foreach (var message in invalid.Errors.SelectMany(e => e.Value)) ModelState.AddModelError(nameof(InviteForces), message);
            return await PageAsync(cancellationToken);
        }

        Notice = $"Invitation sent to {invitation.Email}.";
        InviteEmail = null;
        InviteRoles = [];
        InviteForces = [];
        return await PageAsync(cancellationToken);
    }

    private void Report(bool found, string done)
    {
        if (found) Notice = done;
        else Refuse("That member is no longer in this service.");
    }

    /// <summary>A refusal about the whole form (a member's roles or removal): the error summary lists it without a link.</summary>
    private void Refuse(string message) => ModelState.AddModelError("", message);

    private static string Describe(ProblemException refused) => refused.Problem is HttpValidationProblemDetails invalid
        ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value))
        : $"{refused.Problem.Title}. {refused.Problem.Detail}";

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await members.ListAsync(cancellationToken);
        OpenInvitations = await invitations.ListOpenAsync(cancellationToken);
    }
}
