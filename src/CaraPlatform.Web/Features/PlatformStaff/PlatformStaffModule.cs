using CaraPlatform.Web.Features.Members.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.PlatformStaff;

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

/// <summary>
/// The platform staff module: the LicenceAdmin's people functions, platform roles and a tenant's first administrator
/// (invited through the members feature's <see cref="IMemberInviter"/>).
/// </summary>
public static class PlatformStaffModule
{
    public static void AddPlatformStaff(this WebApplicationBuilder builder) => builder.Services.AddScoped<PlatformStaffHandler>();

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

    private static async Task<Ok<List<PlatformStaffResponse>>> List(PlatformStaffHandler staff, CancellationToken cancellationToken) =>
        TypedResults.Ok(await staff.ListAsync(cancellationToken));

    private static async Task<Results<Ok<PlatformStaffResponse>, ProblemHttpResult>> UpdateRoles(
        Guid userId, UpdatePlatformRolesRequest request, PlatformStaffHandler staff, ClaimsPrincipal caller, CancellationToken cancellationToken) =>
        await staff.SetRolesAsync(userId, request.Roles!, caller.PersonId(), cancellationToken) is { } person
            ? TypedResults.Ok(person)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Person not found");

    private static async Task<Created<InvitationResponse>> InviteAdmin(
        CreateAdminInvitationRequest request, IMemberInviter inviter, IMultiTenantContextAccessor<CaraTenantInfo> currentTenant,
        HttpRequest httpRequest, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var invitation = await inviter.InviteAsync(request.Email!, [TenantRole.ProviderAdmin], caller.PersonId(), PublicAddress.SiteRoot(httpRequest), cancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{currentTenant.MultiTenantContext.TenantInfo!.Identifier}/invitations/{invitation.Id}", invitation);
    }
}
