using Microsoft.AspNetCore.Authorization.Policy;
using OpenIddict.Abstractions;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>Claims the platform adds to tokens and cookies.</summary>
public static class CaraClaims
{
    /// <summary>The tenant id an integration client is bound to; only client tokens carry it.</summary>
    public const string ClientTenant = "cara_tenant";

    /// <summary>Marks a national integration client's token: bound to no tenant, holding national client scopes only.</summary>
    public const string NationalClient = "cara_national";

    /// <summary>When an access token was issued, in milliseconds since 1970 (its iat has whole seconds): see <see cref="TokenRevocations"/>.</summary>
    public const string IssuedAt = "cara_issued_ms";

    public static bool IsNationalClient(this ClaimsPrincipal principal) => principal.FindFirst(NationalClient) is not null;

    /// <summary>
    /// The person behind a token or cookie (Identity's user-id claim is the OpenID Connect subject), or null for
    /// an integration client (of a tenant or national), whose subject is its client id.
    /// </summary>
    public static Guid? PersonId(this ClaimsPrincipal principal) =>
        principal.FindFirst(ClientTenant) is null && !principal.IsNationalClient() && Guid.TryParse(principal.FindFirstValue(OpenIddictConstants.Claims.Subject), out var id)
            ? id
            : null;

    /// <summary>
    /// Whether the principal may use an endpoint needing <paramref name="scope"/>: a bearer token only when granted
    /// it; the portal's cookie, which carries no scopes, only where no scope applies (null).
    /// </summary>
    public static bool GrantsScope(this ClaimsPrincipal principal, string? scope) => scope is null || principal.HasScope(scope);
}

/// <summary>
/// Access to the route's tenant. A person must be a member holding one of <see cref="Roles"/>, and a person's bearer
/// token must also carry <see cref="Scope"/>; an integration client must be bound to the tenant and hold the scope,
/// which must be one a client may be granted. Not a member, bound elsewhere or a national client (bound to no tenant): 404, so that the tenant's existence is
/// not revealed. A member without the role or scope: 403. Portal pages (the Identity cookie) have no scope: null.
/// </summary>
public sealed class TenantAccessRequirement(string? scope, IReadOnlyList<TenantRole> roles) : IAuthorizationRequirement
{
    public string? Scope { get; } = scope;

    public IReadOnlyList<TenantRole> Roles { get; } = roles;

    /// <summary>Whether an integration client holding the scope passes (never for a person-only scope or a portal page).</summary>
    public bool ClientsMayCall => Scope is not null && ApiScopes.ClientScopes.Contains(Scope);

    public override string ToString() => $"tenant access: roles {string.Join("/", Roles)}; scope {Scope ?? "none (portal)"}";
}

internal sealed class TenantAccessHandler(
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, UserTenants userTenants)
    : AuthorizationHandler<TenantAccessRequirement>
{
    public const string NotInTenant = "not-in-tenant";

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TenantAccessRequirement requirement)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo;
        var principal = context.User;
        if (tenant is null || principal.Identity?.IsAuthenticated != true) return;

        if (principal.FindFirst(CaraClaims.ClientTenant)?.Value is { } boundTenant)
        {
            if (boundTenant != tenant.Id) context.Fail(new AuthorizationFailureReason(this, NotInTenant));
            else if (requirement.ClientsMayCall && principal.HasScope(requirement.Scope!)) context.Succeed(requirement);
            return;
        }

        if (principal.IsNationalClient())
        {
            context.Fail(new AuthorizationFailureReason(this, NotInTenant));
            return;
        }

        if (principal.PersonId() is not { } userId) return;
        var roles = await userTenants.RolesIn(tenant, userId);
        if (roles is null) context.Fail(new AuthorizationFailureReason(this, NotInTenant));
        else if (roles.Intersect(requirement.Roles).Any() && principal.GrantsScope(requirement.Scope)) context.Succeed(requirement);
    }
}

/// <summary>
/// Answers "not in this tenant" as 404, like an unknown tenant, and a tenant person at a licence-holder page as 404 too;
/// every other refusal as usual (401/403).
/// </summary>
internal sealed class TenantAccessResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.AuthorizationFailure?.FailureReasons.Any(r => r.Message is TenantAccessHandler.NotInTenant or NationalPageHandler.NotLicenceHolder) == true)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            // A browser gets the portal's "Page not found" (PortalModule.UsePortalStatusPages), which needs an empty body.
            if (Portal.PortalModule.WantsPage(context)) return;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails { Status = 404, Title = "Tenant not found", Detail = "No active tenant has this identifier." },
            });
            return;
        }

        await _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

public static class TenantAccessEndpointExtensions
{
    /// <summary>
    /// API endpoints: bearer tokens only, for people holding one of the roles and whose token carries the scope, and
    /// for clients holding the scope when it is one of <see cref="ApiScopes.ClientScopes"/>.
    /// </summary>
    public static TBuilder RequireTenantApiAccess<TBuilder>(this TBuilder builder, string scope, params TenantRole[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireBearerToken(new TenantAccessRequirement(scope, roles));

    /// <summary>A portal page policy: the Identity cookie, and one of <paramref name="roles"/> in the route's tenant.</summary>
    public static AuthorizationBuilder AddTenantPagePolicy(this AuthorizationBuilder policies, string name, params TenantRole[] roles) =>
        policies.AddPolicy(name, p => p.AddAuthenticationSchemes(Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new TenantAccessRequirement(null, roles)));
}
