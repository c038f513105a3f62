using System.Text.Json;
using CaraPlatform.Domain.Audit;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Features.Connect;

/// <summary>
/// The OpenID Connect endpoints whose answers are ours to make (OpenIddict validates the requests first):
/// tokens for clients and people, the authorization step of the code flow, userinfo and sign-out.
/// </summary>
public static class ConnectEndpoints
{
    /// <summary>The property of an OpenIddict application that binds an integration client to its tenant.</summary>
    public const string TenantProperty = "cara_tenant";

    /// <summary>The property of an OpenIddict application that makes it a national integration client (bound to no tenant).</summary>
    public const string NationalProperty = "cara_national";

    public static void MapConnect(this IEndpointRouteBuilder app)
    {
        var connect = app.MapGroup("").ExcludeFromDescription();
        connect.MapPost(IdentitySetup.TokenPath, Token).AllowAnonymous();
        connect.MapMethods(IdentitySetup.AuthorizePath, ["GET", "POST"], Authorize).AllowAnonymous();
        connect.MapMethods(IdentitySetup.UserInfoPath, ["GET", "POST"], UserInfo)
            .RequireBearerToken();
        connect.MapMethods(IdentitySetup.EndSessionPath, ["GET", "POST"], EndSession).AllowAnonymous();
    }

    private static async Task<IResult> Token(
        HttpContext context, IOpenIddictApplicationManager applications, UserManager<CaraUser> users,
        SignInManager<CaraUser> signIn, AuditTrail audit)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var address = context.Connection.RemoteIpAddress?.ToString();

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has checked the secret and that the client may use every requested scope.
            var application = await applications.FindByClientIdAsync(request.ClientId!)
                ?? throw new InvalidOperationException("The client vanished after authentication.");
            var properties = await applications.GetPropertiesAsync(application);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId);
            Guid? tenantId = null;
            if (properties.TryGetValue(TenantProperty, out var tenant) && tenant.ValueKind == JsonValueKind.String)
            {
                identity.SetClaim(CaraClaims.ClientTenant, tenant.GetString());
                tenantId = Guid.Parse(tenant.GetString()!);
            }
            else if (properties.ContainsKey(NationalProperty))
            {
                identity.SetClaim(CaraClaims.NationalClient, "true");
            }
            else
            {
                return Forbid(Errors.UnauthorizedClient, "This client is bound neither to a tenant nor to the licence holder.");
            }

            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            await audit.RecordAsync(new AuditEntry(AuditActions.TokenIssued, "success", tenantId, ActorClientId: request.ClientId, IpAddress: address));
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var result = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = result.Principal?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
            // A person locked out or removed since the code or refresh token was issued gets no new tokens.
            if (user is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
                return Forbid(Errors.InvalidGrant, "The account can no longer sign in.");
            // A password, second-factor or membership change since then renewed the stamp (see PersonSessions).
            if (result.Principal!.GetClaim(users.Options.ClaimsIdentity.SecurityStampClaimType) != await users.GetSecurityStampAsync(user))
                return Forbid(Errors.InvalidGrant, "The account's sign-in has changed since this grant was issued: sign in again.");

            var identity = await PersonIdentity(user, users, result.Principal!.GetScopes());
            await audit.RecordAsync(new AuditEntry(AuditActions.TokenIssued, "success", ActorUserId: user.Id,
                ActorClientId: request.ClientId, IpAddress: address));
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        return Forbid(Errors.UnsupportedGrantType, "This grant type is not supported.");
    }

    private static async Task<IResult> Authorize(HttpContext context, UserManager<CaraUser> users)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Succeeded ? await users.GetUserAsync(session.Principal) : null;
        if (user is null)
        {
            // Sign in at the portal first, then come back here with the same request.
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? [.. context.Request.Form] : [.. context.Request.Query]);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, [IdentityConstants.ApplicationScheme]);
        }

        // First-party clients registered by the licence holder: no consent screen.
        var identity = await PersonIdentity(user, users, request.GetScopes());
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> UserInfo(ClaimsPrincipal principal, UserManager<CaraUser> users)
    {
        // A client's token has the client for subject and describes nobody (OIDC Core 5.3: userinfo needs openid).
        if (!principal.HasScope(Scopes.OpenId) || !Guid.TryParse(principal.GetClaim(Claims.Subject), out _))
            return Forbid(Errors.InsufficientScope, "userinfo needs a person's token granted the openid scope.");
        var user = await users.FindByIdAsync(principal.GetClaim(Claims.Subject)!);
        if (user is null) return Results.Challenge(authenticationSchemes: [OpenIddict.Validation.AspNetCore.OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme]);
        var claims = new Dictionary<string, object> { [Claims.Subject] = user.Id.ToString() };
        if (principal.HasScope(Scopes.Profile)) claims[Claims.Name] = user.DisplayName;
        if (principal.HasScope(Scopes.Email)) claims[Claims.Email] = user.Email ?? "";
        return Results.Ok(claims);
    }

    /// <summary>
    /// Signs the person out only when they meant it, so that a link or an image elsewhere cannot: a POST with the
    /// portal's antiforgery token, or an <c>id_token_hint</c> (validated by OpenIddict) naming the signed-in person.
    /// </summary>
    private static async Task<IResult> EndSession(HttpContext context, SignInManager<CaraUser> signIn, IAntiforgery antiforgery)
    {
        var session = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (session.Succeeded && !await MeantAsync(context, session.Principal, signIn.UserManager, antiforgery))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                [Parameters.IdTokenHint] = ["Sign out from the portal, or send an ID token of the signed-in person as id_token_hint."],
            });
        }

        await signIn.SignOutAsync();
        return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static async Task<bool> MeantAsync(HttpContext context, ClaimsPrincipal person, UserManager<CaraUser> users, IAntiforgery antiforgery)
    {
        // IsRequestValidAsync passes any GET: only a POST carries a token to check.
        if (HttpMethods.IsPost(context.Request.Method) && await antiforgery.IsRequestValidAsync(context)) return true;
        var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        return hint.Principal?.GetClaim(Claims.Subject) is { } subject && subject == users.GetUserId(person);
    }

    private static async Task<ClaimsIdentity> PersonIdentity(CaraUser user, UserManager<CaraUser> users, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, await users.GetUserIdAsync(user));
        identity.SetClaim(Claims.Email, await users.GetEmailAsync(user));
        identity.SetClaim(Claims.Name, user.DisplayName);
        // In no token sent out: codes and refresh tokens keep every claim, so the token endpoint can compare it.
        var stampType = users.Options.ClaimsIdentity.SecurityStampClaimType;
        identity.SetClaim(stampType, await users.GetSecurityStampAsync(user));
        identity.SetScopes(scopes);
        identity.SetDestinations(claim => claim.Type switch
        {
            _ when claim.Type == stampType => [],
            Claims.Name when identity.HasScope(Scopes.Profile) => [Destinations.AccessToken, Destinations.IdentityToken],
            Claims.Email when identity.HasScope(Scopes.Email) => [Destinations.AccessToken, Destinations.IdentityToken],
            _ => [Destinations.AccessToken],
        });
        return identity;
    }

    private static IResult Forbid(string error, string description) =>
        Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
