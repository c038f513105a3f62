using System.Security.Cryptography;
using System.Text.Json;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.Clients.Contracts;
using CaraPlatform.Web.Features.Connect;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>A client with its secret, which is shown this once and stored only hashed (by OpenIddict).</summary>
public sealed record IssuedClient(IntegrationClient Client, string ClientSecret);

/// <summary>
/// Creates, rotates and revokes a tenant's integration clients: the tenant's record (RLS-protected) and the
/// OpenIddict application that holds the credential, kept in step in one place.
/// </summary>
public sealed class IntegrationClients(CaraDbContext db, IOpenIddictApplicationManager applications, AuditTrail audit, TimeProvider clock)
    : IIntegrationClientIssuer
{
    /// <summary>The tenant's clients by name, revoked ones included (their record stays).</summary>
    public async Task<List<ClientResponse>> ListAsync(CancellationToken cancellationToken) =>
        (await db.IntegrationClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken)).ConvertAll(ClientResponse.From);

    public async Task<IssuedClient> CreateAsync(string name, IReadOnlyCollection<string> scopes, Guid? actor, string? clientId = null,
        string? secret = null, CancellationToken cancellationToken = default)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Clients are created inside a tenant.");
        clientId ??= $"cara-{RandomNumberGenerator.GetHexString(16, lowercase: true)}";
        secret ??= NewSecret();
        var client = new IntegrationClient { ClientId = clientId, Name = name, Scopes = [.. scopes] };
        db.IntegrationClients.Add(client);
        audit.Stage(db, new AuditEntry(AuditActions.ClientCreated, "success", tenantId, actor, Subject: clientId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await applications.CreateAsync(Descriptor(client, tenantId, secret), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedClient(client, secret);
    }

    public async Task EnsureAsync(string clientId, string name, IReadOnlyCollection<string> scopes, string secret, CancellationToken cancellationToken)
    {
        if (!await db.IntegrationClients.AnyAsync(c => c.ClientId == clientId, cancellationToken))
            await CreateAsync(name, scopes, actor: null, clientId, secret, cancellationToken);
    }

    public async Task<IssuedClient?> RotateSecretAsync(Guid id, Guid? actor, CancellationToken cancellationToken = default)
    {
        var client = await db.IntegrationClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken);
        var application = client is null ? null : await applications.FindByClientIdAsync(client.ClientId, cancellationToken);
        if (client is null || application is null) return null;
        var secret = NewSecret();
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        client.SecretRotatedAt = clock.GetUtcNow();
        audit.Stage(db, new AuditEntry(AuditActions.ClientSecretRotated, "success", client.TenantId, actor, Subject: client.ClientId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedClient(client, secret);
    }

    public async Task<IntegrationClient?> RevokeAsync(Guid id, Guid? actor, CancellationToken cancellationToken = default)
    {
        var client = await db.IntegrationClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null) return null;
        if (client.RevokedAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await applications.FindByClientIdAsync(client.ClientId, cancellationToken) is { } application)
                await applications.DeleteAsync(application, cancellationToken);
            client.RevokedAt = clock.GetUtcNow();
            audit.Stage(db, new AuditEntry(AuditActions.ClientRevoked, "success", client.TenantId, actor, Subject: client.ClientId));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return client;
    }

    private static OpenIddictApplicationDescriptor Descriptor(IntegrationClient client, Guid tenantId, string secret)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = secret,
            ClientType = ClientTypes.Confidential,
            DisplayName = client.Name,
            Permissions = { Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials },
        };
        foreach (var scope in client.Scopes) descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        descriptor.Properties[ConnectEndpoints.TenantProperty] = JsonSerializer.SerializeToElement(tenantId.ToString());
        return descriptor;
    }

    private static string NewSecret() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
