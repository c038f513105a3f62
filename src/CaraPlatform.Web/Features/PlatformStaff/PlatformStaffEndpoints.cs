using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Members;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>A person holding licence-holder roles.</summary>
public sealed record PlatformStaffResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<PlatformRole> Roles);

/// <summary>The platform roles a person should hold; an empty list takes them all away.</summary>
public sealed record UpdatePlatformRolesRequest(IReadOnlyList<PlatformRole>? Roles);

/// <summary>An invitation for a tenant's first ProviderAdmin.</summary>
/// <param name="Email">The person's work email.</param>
public sealed record CreateAdminInvitationRequest(string? Email);

internal sealed class UpdatePlatformRolesRequestValidator : AbstractValidator<UpdatePlatformRolesRequest>
{
    public UpdatePlatformRolesRequestValidator() => RuleFor(r => r.Roles).NotNull();
}

internal sealed class CreateAdminInvitationRequestValidator : AbstractValidator<CreateAdminInvitationRequest>
{
    public CreateAdminInvitationRequestValidator() => RuleFor(r => r.Email).NotEmpty().MaximumLength(320).EmailAddress();
}

/// <summary>The LicenceAdmin's people functions: platform roles, and a tenant's first administrator.</summary>
public static class PlatformStaffEndpoints
{
    public static void MapPlatformStaff(this RouteGroupBuilder nationalApi)
    {
        var staff = nationalApi.MapGroup("/platform-staff").WithTags("Licence holder").RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
        staff.MapGet("/", List).WithName("ListPlatformStaff").WithSummary("List people holding platform roles")
            .WithDescription("LicenceAdmin only.");
        staff.MapPut("/{userId:guid}/roles", UpdateRoles).WithName("UpdatePlatformRoles").WithSummary("Set a person's platform roles")
            .WithDescription("LicenceAdmin only. An empty list takes every platform role away; the last LicenceAdmin keeps the role (409).")
            .Validates<UpdatePlatformRolesRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        nationalApi.MapPost("/tenants/{tenant}/admin-invitations", InviteAdmin).WithTags("Licence holder").WithName("InviteTenantAdmin")
            .WithSummary("Invite a tenant's ProviderAdmin (e.g. its first)")
            .WithDescription("LicenceAdmin only, without being a member of the tenant.")
            .Validates<CreateAdminInvitationRequest>()
            .RequirePlatformApiAccess(ApiScopes.PlatformAdmin, PlatformRole.LicenceAdmin);
    }

    private static async Task<Ok<List<PlatformStaffResponse>>> List(UserManager<CaraUser> users, CancellationToken cancellationToken)
    {
        var staff = await users.Users.AsNoTracking().Where(u => u.PlatformRoles.Count > 0).OrderBy(u => u.Email).ToListAsync(cancellationToken);
        return TypedResults.Ok(staff.ConvertAll(u => new PlatformStaffResponse(u.Id, u.Email ?? "", u.DisplayName, u.PlatformRoles)));
    }

    private static async Task<Results<Ok<PlatformStaffResponse>, ProblemHttpResult>> UpdateRoles(
        Guid userId, UpdatePlatformRolesRequest request, UserManager<CaraUser> users, AuditTrail audit, ClaimsPrincipal caller,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Person not found");
        var roles = request.Roles!.Distinct().ToList();
        // The platform always keeps one LicenceAdmin, so that someone can manage its staff.
        if (user.PlatformRoles.Contains(PlatformRole.LicenceAdmin) && !roles.Contains(PlatformRole.LicenceAdmin)
            && !await users.Users.AnyAsync(u => u.Id != user.Id && u.PlatformRoles.Contains(PlatformRole.LicenceAdmin), cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The last LicenceAdmin cannot lose the role");

        user.PlatformRoles = roles;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded) return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "The account changed; read it again");
        await audit.RecordAsync(new AuditEntry(AuditActions.PlatformRolesChanged, string.Join(",", roles),
            ActorUserId: caller.PersonId(), Subject: user.Id.ToString()), cancellationToken);
        return TypedResults.Ok(new PlatformStaffResponse(user.Id, user.Email ?? "", user.DisplayName, user.PlatformRoles));
    }

    private static async Task<Created<InvitationResponse>> InviteAdmin(
        CreateAdminInvitationRequest request, Invitations invitations, IMultiTenantContextAccessor<CaraTenantInfo> currentTenant,
        HttpRequest httpRequest, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var invitation = await invitations.InviteAsync(currentTenant.MultiTenantContext.TenantInfo!, request.Email!, [TenantRole.ProviderAdmin],
            caller.PersonId(), Invitations.SiteRoot(httpRequest), cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{currentTenant.MultiTenantContext.TenantInfo!.Identifier}/invitations/{invitation.Id}",
            InvitationResponse.From(invitation));
    }
}
