using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Features.Connect;

/// <summary>
/// <c>cara-cli</c>: the public client licence-holder staff use from scripts to get their own token for the national API.
/// A script cannot keep a secret, so it has none: authorization code with PKCE (S256, as the server requires) and
/// refresh tokens, redirecting to a listener the script opens on the loopback interface at any port (RFC 8252 §7.3,
/// see <see cref="LoopbackRedirectApplicationManager{TApplication}"/>). It may ask for the licence holder's scopes only;
/// the person's platform roles still decide, on every request, what the token reaches.
/// </summary>
public sealed class CaraCliClient(IOpenIddictApplicationManager applications) : IMigrationStep
{
    public const string ClientId = "cara-cli";

    /// <summary>The registered redirects; a request may name any port on them.</summary>
    public static readonly IReadOnlyList<Uri> RedirectUris = [new("http://127.0.0.1/callback"), new("http://[::1]/callback")];

    /// <summary>What the client may ask for besides openid and offline_access (which the grant types allow).</summary>
    public static readonly IReadOnlyList<string> Scopes =
        [OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.Email, ApiScopes.PlatformAdmin,
         ApiScopes.LicencesRead, ApiScopes.LicencesWrite, ApiScopes.TrainingRead, ApiScopes.TrainingWrite, ApiScopes.NationalRead,
         ApiScopes.MaterialsRead, ApiScopes.MaterialsWrite, ApiScopes.QaRead, ApiScopes.QaWrite];

    public async Task ApplyAsync(CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "CARA command line (licence-holder staff scripts)",
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        foreach (var uri in RedirectUris) descriptor.RedirectUris.Add(uri);
        foreach (var scope in Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);

        if (await applications.FindByClientIdAsync(ClientId, cancellationToken) is { } existing)
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        else
            await applications.CreateAsync(descriptor, cancellationToken);
    }
}
