using CaraPlatform.Web.Features.Members.Contracts;
using CaraPlatform.Web.Portal.National;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>The platform roles a person should hold; an empty list takes them all away.</summary>
public sealed record UpdatePlatformRolesRequest(IReadOnlyList<PlatformRole>? Roles);

/// <summary>An invitation for a tenant's first ProviderAdmin.</summary>
/// <param name="Email">The person's work email.</param>
public sealed record CreateAdminInvitationRequest(string? Email);

/// <summary>An invitation to the licence holder's staff.</summary>
/// <param name="Email">The person's work email.</param>
/// <param name="Name">Their name, offered as the new account's display name (optional).</param>
/// <param name="Roles">At least one platform role.</param>
public sealed record CreateStaffInvitationRequest(string? Email, string? Name, IReadOnlyList<PlatformRole>? Roles);

internal sealed class CreateStaffInvitationRequestValidator : AbstractValidator<CreateStaffInvitationRequest>
{
    public CreateStaffInvitationRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
        RuleFor(r => r.Name).MaximumLength(200);
        RuleFor(r => r.Roles).NotEmpty();
    }
}

internal sealed class UpdatePlatformRolesRequestValidator : AbstractValidator<UpdatePlatformRolesRequest>
{
    public UpdatePlatformRolesRequestValidator() => RuleFor(r => r.Roles).NotNull();
}

internal sealed class CreateAdminInvitationRequestValidator : AbstractValidator<CreateAdminInvitationRequest>
{
    public CreateAdminInvitationRequestValidator() => RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
}

/// <summary>
/// The platform staff module: the LicenceAdmin's people functions (platform roles, staff invitations, a tenant's first
/// administrator invited through the members feature's <see cref="IMemberInviter"/>), through the API and the pages
/// <c>/national/staff</c> and <c>/national/tenant-admins</c>, and the <c>bootstrap-licence-admin</c> host command.
/// </summary>
public static class PlatformStaffModule
{
    public static void AddPlatformStaff(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<PlatformStaffHandler>();
        services.AddScoped<StaffInvitations>();
        services.AddScoped<TenantAdminInvitations>();
        services.AddSingleton<IHostCommand, BootstrapLicenceAdminCommand>();
        services.AddNationalLink(new("Staff", "staff", [PlatformRole.LicenceAdmin], 80,
            "The licence holder's staff and their roles; invite people and cancel invitations."));
        services.AddNationalLink(new("Tenant administrators", "tenant-admins", [PlatformRole.LicenceAdmin], 85,
            "Invite a tenant's first provider admin."));
    }

    public static void MapPlatformStaff(this RouteGroupBuilder nationalApi)
    {
        var staff = nationalApi.MapGroup("/platform-staff").WithTags("Licence holder").RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
        staff.MapGet("/", List).WithName("ListPlatformStaff").WithSummary("List people holding platform roles")
            .WithDescription("LicenceAdmin only.");
        staff.MapPut("/{userId:guid}/roles", UpdateRoles).WithName("UpdatePlatformRoles").WithSummary("Set a person's platform roles")
            .WithDescription("LicenceAdmin only. An empty list takes every platform role away; the last LicenceAdmin keeps the role (409).")
            .Validates<UpdatePlatformRolesRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var invitations = nationalApi.MapGroup("/staff-invitations").WithTags("Licence holder")
            .RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
        invitations.MapGet("/", ListStaffInvitations).WithName("ListStaffInvitations").WithSummary("List open staff invitations")
            .WithDescription("LicenceAdmin only. Invitations not yet accepted, cancelled or expired, newest first. Links are never listed.");
        invitations.MapPost("/", InviteStaff).WithName("CreateStaffInvitation")
            .WithSummary("Invite a person to the licence holder's staff; the link expires after 7 days")
            .WithDescription("LicenceAdmin only. The person receives a one-use link to create an account (or sign in) and take the platform roles given.")
            .Validates<CreateStaffInvitationRequest>();
        invitations.MapDelete("/{invitationId:guid}", CancelStaffInvitation).WithName("CancelStaffInvitation").WithSummary("Cancel an open staff invitation")
            .WithDescription("LicenceAdmin only. The link stops working; cancelling an accepted or expired invitation changes nothing.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        nationalApi.MapPost("/tenants/{tenant}/admin-invitations", InviteAdmin).WithTags("Licence holder").WithName("InviteTenantAdmin")
            .WithSummary("Invite a tenant's ProviderAdmin (e.g. its first)")
            .WithDescription("LicenceAdmin only, without being a member of the tenant.")
            .Validates<CreateAdminInvitationRequest>()
            .RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
    }

    private static async Task<Ok<List<PlatformStaffResponse>>> List(PlatformStaffHandler staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(await staff.ListAsync(cancellationToken));

    private static async Task<Results<Ok<PlatformStaffResponse>, ProblemHttpResult>> UpdateRoles(
        Guid userId, UpdatePlatformRolesRequest request, PlatformStaffHandler staff, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await staff.SetRolesAsync(userId, request.Roles!, caller.PersonId(), cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Person not found");

    private static async Task<Ok<List<StaffInvitationResponse>>> ListStaffInvitations(StaffInvitations invitations, CancellationToken cancellationToken) =>
        TypedResults.Ok(await invitations.ListOpenAsync(cancellationToken));

    private static async Task<Created<StaffInvitationResponse>> InviteStaff(
        CreateStaffInvitationRequest request, StaffInvitations invitations, HttpRequest httpRequest, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var issued = await invitations.InviteAsync(request.Email!, request.Name, request.Roles!, caller.PersonId(), PublicAddress.SiteRoot(httpRequest), cancellationToken);
        return TypedResults.Created($"staff-invitations/{issued.Invitation.Id}", issued.Invitation);
    }

    private static async Task<Results<Ok<StaffInvitationResponse>, ProblemHttpResult>> CancelStaffInvitation(
        Guid invitationId, StaffInvitations invitations, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await invitations.CancelAsync(invitationId, caller.PersonId(), cancellationToken) is { } invitation
            ? TypedResults.Ok(invitation)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Invitation not found");

    private static async Task<Created<InvitationResponse>> InviteAdmin(
        CreateAdminInvitationRequest request, IMemberInviter inviter, IMultiTenantContextAccessor<CaraTenantInfo> currentTenant,
        HttpRequest httpRequest, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var invitation = await inviter.InviteAsync(request.Email!, [TenantRole.ProviderAdmin], caller.PersonId(), PublicAddress.SiteRoot(httpRequest), cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{currentTenant.MultiTenantContext.TenantInfo!.Identifier}/invitations/{invitation.Id}", invitation);
    }
}
