using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.Clients.Contracts;
using CaraPlatform.Web.Features.Connect;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>A client with its secret, which is shown this once and stored only hashed (by OpenIddict).</summary>
public sealed record IssuedClient(IntegrationClient Client, string ClientSecret);

/// <summary>
/// Creates, rotates and revokes a tenant's integration clients: the tenant's record (RLS-protected) and the
/// OpenIddict application that holds the credential, kept in step in one place.
/// </summary>
public sealed class IntegrationClients(CaraDbContext db, ClientApplications applications, AuditTrail audit, TokenRevocations revocations, TimeProvider clock)
    : IIntegrationClientIssuer
{
    /// <summary>The tenant's clients by name, revoked ones included (their record stays).</summary>
    public async Task<List<ClientResponse>> ListAsync(CancellationToken cancellationToken) =>
        (await db.IntegrationClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken)).ConvertAll(ClientResponse.From);

    public async Task<IssuedClient> CreateAsync(string name, IReadOnlyCollection<string> scopes, Guid? actor, string? clientId = null,
        string? secret = null, CancellationToken cancellationToken = default)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("Clients are created inside a tenant.");
        clientId ??= ClientApplications.NewClientId();
        secret ??= ClientApplications.NewSecret();
        var client = new IntegrationClient { ClientId = clientId, Name = name, Scopes = [.. scopes] };
        db.IntegrationClients.Add(client);
        audit.Stage(db, new AuditEntry(AuditActions.ClientCreated, "success", tenantId, actor, Subject: clientId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await applications.CreateAsync(clientId, name, client.Scopes, secret, ConnectEndpoints.TenantProperty, tenantId.ToString(), cancellationToken);
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
        if (client is null) return null;
        var secret = ClientApplications.NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await applications.SetSecretAsync(client.ClientId, secret, cancellationToken)) return null;
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
            await applications.DeleteAsync(client.ClientId, cancellationToken);
            client.RevokedAt = clock.GetUtcNow();
            audit.Stage(db, new AuditEntry(AuditActions.ClientRevoked, "success", client.TenantId, actor, Subject: client.ClientId));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the application is gone (no token issued after this), and again on a repeat, in case it failed before.
        await revocations.RevokeAsync(client.ClientId, cancellationToken);
        return client;
    }
}
