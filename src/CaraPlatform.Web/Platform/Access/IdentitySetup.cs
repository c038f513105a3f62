using System.Globalization;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>Named policies of the portal's pages, applied by folder in the Razor Pages conventions.</summary>
public static class PortalPolicies
{
    /// <summary>Anyone signed in to the portal with the Identity cookie.</summary>
    public const string Person = "Person";

    /// <summary>A member of the route's tenant, in any role; others get 404 (see <see cref="TenantAccessResultHandler"/>).</summary>
    public const string TenantMember = "TenantMember";

    /// <summary>A ProviderAdmin of the route's tenant: other members get 403, non-members 404.</summary>
    public const string TenantAdmin = "TenantAdmin";

}

/// <summary>
/// Who may do what: ASP.NET Core Identity holds people (cookies for the portal), OpenIddict is the OpenID Connect
/// server (tokens for the API), and <see cref="TenantAccessRequirement"/> ties both to the route's tenant.
/// </summary>
public static class IdentitySetup
{
    public const string TokenPath = "/connect/token";

    /// <summary>How long an access token lives: also how long a revocation must be remembered (<see cref="TokenRevocations"/>).</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);
    public const string AuthorizePath = "/connect/authorize";
    public const string UserInfoPath = "/connect/userinfo";
    public const string EndSessionPath = "/connect/endsession";
    public const string SigningCertificateKey = "OpenIddict:SigningCertificate";
    public const string EncryptionCertificateKey = "OpenIddict:EncryptionCertificate";

    public static void AddCaraIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        builder.AddCaraDataProtection();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/";
            o.LogoutPath = "/sign-out";
            o.AccessDeniedPath = "/access-denied";
            o.Cookie.Name = "cara.session";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.SlidingExpiration = true;
        });
        // Cookies are checked against the person's security stamp on every request, so that PersonSessions ends them at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<PersonSessions>();
        services.AddScoped<SignInAttempts>();

        services.AddIdentityCore<CaraUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Stores.SchemaVersion = IdentitySchemaVersions.Version2;
                o.ClaimsIdentity.UserIdClaimType = OpenIddictConstants.Claims.Subject;
                o.ClaimsIdentity.UserNameClaimType = OpenIddictConstants.Claims.Name;
                o.ClaimsIdentity.EmailClaimType = OpenIddictConstants.Claims.Email;
            })
            .AddSignInManager()
            .AddEntityFrameworkStores<CaraDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator<CaraUser>>();

        services.AddOpenIddict()
            .AddCore(o =>
            {
                o.UseEntityFrameworkCore().UseDbContext<CaraDbContext>().ReplaceDefaultEntities<Guid>();
                o.ReplaceApplicationManager(typeof(LoopbackRedirectApplicationManager<>));
            })
            .AddServer(o =>
            {
                o.SetTokenEndpointUris(TokenPath)
                    .SetAuthorizationEndpointUris(AuthorizePath)
                    .SetUserInfoEndpointUris(UserInfoPath)
                    .SetEndSessionEndpointUris(EndSessionPath);
                o.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange()
                    .AllowRefreshTokenFlow();
                // S256 only: with "plain" the challenge is the verifier, so whoever sees the authorization request can redeem its code.
                o.Configure(options =>
                {
                    options.CodeChallengeMethods.Clear();
                    options.CodeChallengeMethods.Add(OpenIddictConstants.CodeChallengeMethods.Sha256);
                });
                ConfigureIssuer(o, builder.Configuration[PublicAddress.IssuerKey]);
                o.RegisterScopes([
                    OpenIddictConstants.Scopes.OpenId, OpenIddictConstants.Scopes.Email, OpenIddictConstants.Scopes.Profile,
                    OpenIddictConstants.Scopes.OfflineAccess, .. ApiScopes.Every]);
                o.SetAccessTokenLifetime(AccessTokenLifetime);
                // Signed, not encrypted: decrypting each request's token (RSA-OAEP) cost more than the rest of a tenant
                // read. They carry ids, scopes and the tenant, nothing the bearer may not see; TLS protects them in transit.
                o.DisableAccessTokenEncryption();
                // The moment to the millisecond (iat has whole seconds): a revocation refuses what was issued until then.
                o.AddEventHandler<OpenIddictServerEvents.ProcessSignInContext>(handler => handler
                    .UseInlineHandler(context =>
                    {
                        context.AccessTokenPrincipal?.SetClaim(CaraClaims.IssuedAt,
                            context.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
                        return ValueTask.CompletedTask;
                    })
                    .SetOrder(OpenIddictServerHandlers.PrepareAccessTokenPrincipal.Descriptor.Order + 1)
                    .SetType(OpenIddictServerHandlerType.Custom));
                o.SetRefreshTokenLifetime(TimeSpan.FromDays(1));
                ConfigureKeys(o, builder.Configuration, builder.Environment);
                var aspNetCore = o.UseAspNetCore()
                    .EnableTokenEndpointPassthrough()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough();
                // TLS ends at the ingress in deployments; locally the host serves plain HTTP on 127.0.0.1.
                aspNetCore.DisableTransportSecurityRequirement();
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                // Access tokens are checked by signature and lifetime, with no database read; a revoked person or
                // client is refused through TokenRevocations, on every host.
                o.AddEventHandler<OpenIddictValidationEvents.ValidateTokenContext>(handler => handler
                    .UseSingletonHandler<TokenRevocations.ValidationHandler>()
                    .SetOrder(OpenIddictValidationHandlers.Protection.ValidateExpirationDate.Descriptor.Order + 1)
                    .SetType(OpenIddictValidationHandlerType.Custom));
                o.UseAspNetCore();
            });

        services.AddSingleton<TokenRevocations>();
        services.AddSingleton<IDatabaseNotificationHandler>(sp => sp.GetRequiredService<TokenRevocations>());
        services.AddSingleton<TokenRevocations.ValidationHandler>();
        services.AddScoped<Actors>();
        services.AddScoped<IAuthorizationHandler, TenantAccessHandler>();
        services.AddScoped<IAuthorizationHandler, PlatformAccessHandler>();
        services.AddScoped<IAuthorizationHandler, NationalPageHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TenantAccessResultHandler>();
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Person, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser())
            .AddTenantPagePolicy(PortalPolicies.TenantMember, Enum.GetValues<TenantRole>())
            .AddTenantPagePolicy(PortalPolicies.TenantAdmin, TenantRole.ProviderAdmin)
            .AddNationalPagePolicies();
    }

    /// <summary>
    /// The issuer is fixed by configuration, so that no request's Host header decides what discovery and tokens name;
    /// <see cref="RequiredSettings"/> insists on it outside Development, where without it the request's address serves.
    /// </summary>
    private static void ConfigureIssuer(OpenIddictServerBuilder server, string? configured)
    {
        if (!Uri.TryCreate(configured, UriKind.Absolute, out var issuer)) return;
        server.SetIssuer(issuer);
        // OpenIddict builds discovery's endpoint URIs from the request's address: build them under the issuer.
        server.AddEventHandler<OpenIddictServerEvents.HandleConfigurationRequestContext>(handler => handler
            .UseInlineHandler(context =>
            {
                context.BaseUri = issuer;
                return ValueTask.CompletedTask;
            })
            .SetOrder(OpenIddictServerHandlers.Discovery.AttachEndpoints.Descriptor.Order - 1));
    }

    /// <summary>
    /// Development generates signing and encryption certificates on first run and keeps them in the user's
    /// certificate store. Elsewhere they come from configuration (the Helm chart's Secret, see
    /// <see cref="ConfiguredCertificate"/>), read when the server first needs them, so that the migration job runs
    /// without them; <see cref="RequiredSettings"/> makes sure a web host has them before it starts.
    /// </summary>
    private static void ConfigureKeys(OpenIddictServerBuilder server, IConfiguration configuration, IHostEnvironment environment)
    {
        if (environment.IsDevelopment())
        {
            server.AddDevelopmentEncryptionCertificate().AddDevelopmentSigningCertificate();
            return;
        }

        server.Services.AddOptions<OpenIddict.Server.OpenIddictServerOptions>().Configure(o =>
        {
            o.SigningCredentials.Add(new X509SigningCredentials(
                ConfiguredCertificate.Load(configuration, SigningCertificateKey), SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new X509EncryptingCredentials(
                ConfiguredCertificate.Load(configuration, EncryptionCertificateKey), SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
    }
}
