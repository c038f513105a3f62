namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// A licence-holder function: the person must hold one of <see cref="Roles"/> as a platform role, and the token must
/// carry <see cref="Scope"/>. Roles are read from the account on every request, so that a role taken away stops
/// working at once. A national integration client qualifies when it holds the scope and the scope is one such clients may
/// be granted (<see cref="ApiScopes.NationalClientScopes"/>); a tenant's clients never do.
/// </summary>
public sealed class PlatformAccessRequirement(string scope, IReadOnlyList<PlatformRole> roles) : IAuthorizationRequirement
{
    public string Scope { get; } = scope;

    public IReadOnlyList<PlatformRole> Roles { get; } = roles;

    /// <summary>Whether a national integration client holding the scope passes (never for a person-only scope).</summary>
    public bool ClientsMayCall => ApiScopes.NationalClientScopes.Contains(Scope);

    public override string ToString() => $"platform roles {string.Join("/", Roles)}; scope {Scope}";
}

internal sealed class PlatformAccessHandler(UserManager<CaraUser> users) : AuthorizationHandler<PlatformAccessRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PlatformAccessRequirement requirement)
    {
        if (!context.User.GrantsScope(requirement.Scope)) return;
        if (context.User.IsNationalClient())
        {
            if (requirement.ClientsMayCall) context.Succeed(requirement);
            return;
        }

        var user = context.User.PersonId() is { } id ? await users.FindByIdAsync(id.ToString()) : null;
        if (user is not null && user.PlatformRoles.Intersect(requirement.Roles).Any()) context.Succeed(requirement);
    }
}

public static class PlatformAccessEndpointExtensions
{
    /// <summary>
    /// Licence-holder API endpoints: bearer tokens, carrying the scope, of people holding one of the platform roles, and of
    /// national integration clients when the scope is one of <see cref="ApiScopes.NationalClientScopes"/>.
    /// </summary>
    public static TBuilder RequirePlatformApiAccess<TBuilder>(this TBuilder builder, string scope, params PlatformRole[] roles)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireBearerToken(new PlatformAccessRequirement(scope, roles));
}
