using CaraPlatform.Domain.Access;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Members;
using CaraPlatform.Web.Platform.Access;
using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Portal.Tenant.Admin;

/// <summary>A ProviderAdmin's staff: roles, removal and invitations, through the same services as the API.</summary>
[Authorize(Policy = PortalPolicies.TenantAdmin)]
public sealed class MembersModel(
    TenantMembers members, Features.Members.Invitations invitations, CaraDbContext db, IValidator<CreateInvitationRequest> invitationValidator,
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, TimeProvider clock) : PageModel
{
    public IReadOnlyList<MemberResponse> Members { get; private set; } = [];

    public IReadOnlyList<Invitation> OpenInvitations { get; private set; } = [];

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public string? Notice { get; private set; }

    [BindProperty] public string? InviteEmail { get; set; }

    [BindProperty] public List<TenantRole> InviteRoles { get; set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRolesAsync(Guid memberId, List<TenantRole> roles, uint version, CancellationToken cancellationToken)
    {
        if (roles.Count == 0)
        {
            Errors = ["Choose at least one role, or remove the member instead."];
            return await PageAsync(cancellationToken);
        }

        try
        {
            var (outcome, member) = await members.ChangeRolesAsync(memberId, roles, version, User.PersonId(), cancellationToken);
            Report(outcome, $"{member?.Email}'s roles are now {string.Join(", ", member?.Roles ?? [])}.");
        }
        catch (DbUpdateConcurrencyException)
        {
            Errors = ["Someone else changed this member while you were editing. The list below is up to date: make your change again."];
        }

        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid memberId, CancellationToken cancellationToken)
    {
        Report(await members.RemoveAsync(memberId, User.PersonId(), cancellationToken), "The member has been removed from this service.");
        return await PageAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        var request = new CreateInvitationRequest(InviteEmail, InviteRoles);
        var validation = await invitationValidator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            Errors = [.. validation.Errors.Select(e => e.ErrorMessage)];
            return await PageAsync(cancellationToken);
        }

        var invitation = await invitations.InviteAsync(tenantAccessor.MultiTenantContext.TenantInfo!, request.Email!, request.Roles!, User.PersonId(),
            Features.Members.Invitations.SiteRoot(Request), cancellationToken);
        Notice = $"Invitation sent to {invitation.Email}.";
        InviteEmail = null;
        InviteRoles = [];
        return await PageAsync(cancellationToken);
    }

    private void Report(MemberChangeOutcome outcome, string done)
    {
        switch (outcome)
        {
            case MemberChangeOutcome.Done: Notice = done; break;
            case MemberChangeOutcome.LastProviderAdmin: Errors = [$"{LastProviderAdmin.Title}. {LastProviderAdmin.Detail}"]; break;
            default: Errors = ["That member is no longer in this service."]; break;
        }
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Members = await members.ListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        // A tenant's invitations are few; filtering here keeps "open" defined once, in Invitation.IsOpenAt.
        OpenInvitations = [.. (await db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken))
            .Where(i => i.IsOpenAt(now))];
    }

}
