namespace CaraPlatform.Web.Features.Clients.Contracts;

/// <summary>
/// Issuing the current tenant an integration client whose id and secret are known in advance, for features that set
/// a tenant up (the Development demo data): the OpenIddict application and the audit entry stay the clients feature's business.
/// </summary>
public interface IIntegrationClientIssuer
{
    /// <summary>Issues the client unless the tenant already has one with <paramref name="clientId"/>.</summary>
    Task EnsureAsync(string clientId, string name, IReadOnlyCollection<string> scopes, string secret, CancellationToken cancellationToken);
}
