using CaraPlatform.Web.Features.Members.Contracts;
using CaraPlatform.Web.Portal.Home;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Members;

/// <summary>A member of the tenant: the person and their roles here.</summary>
/// <param name="Id">The membership's id.</param>
/// <param name="UserId">The person's id.</param>
/// <param name="Email">Their email.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Roles">Their roles here.</param>
/// <param name="Version">Row version: send it back with a change.</param>
/// <param name="ForceCodes">The forces a ForceSpoc serves (codes of the tenant's forces); a SPOC reads only their referrals. Empty for other roles.</param>
public sealed record MemberResponse(
    Guid Id, Guid UserId, string Email, string DisplayName, IReadOnlyList<TenantRole> Roles, uint Version, IReadOnlyList<string> ForceCodes);

/// <summary>New roles for a member.</summary>
/// <param name="Roles">At least one tenant role.</param>
/// <param name="Version">The version last read; a member changed since is refused with 409.</param>
/// <param name="ForceCodes">
/// For a ForceSpoc, the forces they serve: codes of the tenant's forces, at least one (a tenant of one force gives its
/// own). Omitted, a SPOC keeps the forces they have. Only a ForceSpoc serves forces.
/// </param>
public sealed record UpdateMemberRequest(IReadOnlyList<TenantRole>? Roles, uint? Version, IReadOnlyList<string>? ForceCodes = null);

/// <summary>An invitation to join the tenant.</summary>
/// <param name="Email">The person's work email.</param>
/// <param name="Roles">The roles they will hold here.</param>
/// <param name="ForceCodes">
/// For a ForceSpoc, the forces they will serve: codes of the tenant's forces, at least one (a tenant of one force gives
/// its own when omitted). Only a ForceSpoc serves forces.
/// </param>
public sealed record CreateInvitationRequest(string? Email, IReadOnlyList<TenantRole>? Roles, IReadOnlyList<string>? ForceCodes = null);

internal sealed class UpdateMemberRequestValidator : AbstractValidator<UpdateMemberRequest>
{
    public UpdateMemberRequestValidator()
    {
        RuleFor(r => r.Roles).NotEmpty();
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class CreateInvitationRequestValidator : AbstractValidator<CreateInvitationRequest>
{
    public CreateInvitationRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(r => r.Roles).NotEmpty();
    }
}

/// <summary>
/// The members module: a ProviderAdmin's staff (members and their roles, invitations to join) through the API and
/// the portal page <c>/t/{tenant}/admin/members</c> alike, and the page where an invitation link lands.
/// </summary>
public static class MembersModule
{
    public static void AddMembers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<TenantMembers>();
        services.AddScopedWithContract<Invitations, IMemberInviter>();
        services.AddPortalLink(new("Staff", "admin/members", [TenantRole.ProviderAdmin], 60));
        services.AddHomeWork<MemberHomeWork>();
    }

    public static void MapMembers(this RouteGroupBuilder tenantApi)
    {
        var members = tenantApi.MapGroup("/members").WithTags("Members").RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);
        members.MapGet("/", List).WithName("ListMembers").WithSummary("List the tenant's members and their roles")
            .WithDescription("ProviderAdmin only. Each member carries a version to send back when changing roles.");
        members.MapPut("/{memberId:guid}", Update).WithName("UpdateMember").WithSummary("Change a member's roles")
            .WithDescription("409 when the member changed since it was read, or when this would leave the tenant without a ProviderAdmin. " +
                "400 at forceCodes when a code is not one of the tenant's forces, a ForceSpoc would serve none, or another role is given forces.")
            .Validates<UpdateMemberRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        members.MapDelete("/{memberId:guid}", Remove).WithName("RemoveMember").WithSummary("Remove a member from the tenant")
            .WithDescription("The person keeps their account and other tenants' memberships. The last ProviderAdmin cannot be removed (409).")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var invitations = tenantApi.MapGroup("/invitations").WithTags("Members").RequireTenantApiAccess(ApiScopes.TenantAdmin, TenantRole.ProviderAdmin);
        invitations.MapGet("/", ListInvitations).WithName("ListInvitations").WithSummary("List invitations")
            .WithDescription("Open, accepted and cancelled invitations, newest first. Links are never listed.");
        invitations.MapPost("/", Invite).WithName("CreateInvitation")
            .WithSummary("Invite a person by email; the link expires after 7 days")
            .WithDescription("The person receives a one-use link to create an account (or sign in) and join with the roles (and a ForceSpoc's forces) given. " +
                "400 at forceCodes as for a member's change.").Validates<CreateInvitationRequest>();
        invitations.MapDelete("/{invitationId:guid}", Cancel).WithName("CancelInvitation").WithSummary("Cancel an open invitation")
            .WithDescription("The link stops working. Cancelling an accepted or expired invitation changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Ok<List<MemberResponse>>> List(TenantMembers members, CancellationToken cancellationToken) =>
        TypedResults.Ok(await members.ListAsync(cancellationToken));

    private static async Task<Results<Ok<MemberResponse>, ProblemHttpResult>> Update(
        Guid memberId, UpdateMemberRequest request, TenantMembers members, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await members.ChangeRolesAsync(memberId, request.Roles!, request.ForceCodes, request.Version!.Value, user.PersonId(), cancellationToken) is { } member
            ? TypedResults.Ok(member)
            : NotFound("Member not found");

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(
        Guid memberId, TenantMembers members, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await members.RemoveAsync(memberId, user.PersonId(), cancellationToken) ? TypedResults.NoContent() : NotFound("Member not found");

    private static async Task<Ok<List<InvitationResponse>>> ListInvitations(Invitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.ListAsync(cancellationToken));

    private static async Task<Created<InvitationResponse>> Invite(
        CreateInvitationRequest invitationRequest, Invitations invitations, HttpRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var invitation = await invitations.InviteAsync(invitationRequest.Email!, invitationRequest.Roles!, invitationRequest.ForceCodes, user.PersonId(),
            PublicAddress.SiteRoot(request), cancellationToken);
        return TypedResults.Created($"invitations/{invitation.Id}", invitation);
    }

    private static async Task<Results<Ok<InvitationResponse>, ProblemHttpResult>> Cancel(
        Guid invitationId, Invitations invitations, CancellationToken cancellationToken) =>
        await invitations.CancelAsync(invitationId, cancellationToken) is { } invitation ? TypedResults.Ok(invitation) : NotFound("Invitation not found");

    private static ProblemHttpResult NotFound(string title) => TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: title);
}
