using OpenIddict.Validation.AspNetCore;

namespace CaraPlatform.Web.Platform.Access;

public static class BearerTokenEndpointExtensions
{
    /// <summary>
    /// Endpoints for tokens only: a signed-in person's cookie never authorizes them, so that a page in their browser
    /// cannot call them on their behalf. The caller must meet every one of <paramref name="requirements"/>.
    /// </summary>
    public static TBuilder RequireBearerToken<TBuilder>(this TBuilder builder, params IAuthorizationRequirement[] requirements)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(new AuthorizationPolicyBuilder(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(requirements)
            .Build());
}
