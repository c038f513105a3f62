using System.Security.Cryptography;
using System.Text.Json;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>
/// The OpenIddict side of an integration client, a tenant's or the licence holder's: a confidential application allowed
/// client credentials and its scopes, carrying the property that binds it (see ConnectEndpoints' token endpoint).
/// The secret is stored hashed by OpenIddict.
/// </summary>
public sealed class ClientApplications(IOpenIddictApplicationManager applications)
{
    public async Task CreateAsync(string clientId, string name, IEnumerable<string> scopes, string secret,
        string bindingProperty, string bindingValue, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[bindingProperty] = JsonSerializer.SerializeToElement(bindingValue);
        await applications.CreateAsync(descriptor, cancellationToken);
    }

    /// <summary>Gives the client a new secret; false when it has no application any more.</summary>
    public async Task<bool> SetSecretAsync(string clientId, string secret, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is not { } application) return false;
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return true;
    }

    /// <summary>Deletes the application, and with it its tokens, which token entry validation then refuses at once.</summary>
    public async Task DeleteAsync(string clientId, CancellationToken cancellationToken)
    {
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
            await applications.DeleteAsync(application, cancellationToken);
    }

    public static string NewClientId() => $"cara-{RandomNumberGenerator.GetHexString(16, lowercase: true)}";

    public static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
