using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.Connect;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>
/// Creates, rotates and revokes the licence holder's national integration clients: its record (a global table) and the
/// OpenIddict application that holds the credential, bound to no tenant, as <see cref="IntegrationClients"/> does for a
/// tenant's. Audited like a tenant's clients, with no tenant.
/// </summary>
public sealed class NationalClients(CaraDbContext db, ClientApplications applications, AuditTrail audit, TokenRevocations revocations, TimeProvider clock)
{
    /// <summary>Every national client by name, revoked ones included (their record stays).</summary>
    public async Task<List<ClientResponse>> ListAsync(CancellationToken cancellationToken) =>
        (await db.NationalClients.AsNoTracking().OrderBy(c => c.Name).ToListAsync(cancellationToken)).ConvertAll(ClientResponse.From);

    public async Task<IssuedClientResponse> CreateAsync(string name, IReadOnlyCollection<string> scopes, Guid? actor, CancellationToken cancellationToken)
    {
        var client = new NationalClient { ClientId = ClientApplications.NewClientId(), Name = name, Scopes = [.. scopes] };
        var secret = ClientApplications.NewSecret();
        db.NationalClients.Add(client);
        audit.Stage(db, new AuditEntry(AuditActions.ClientCreated, "success", ActorUserId: actor, Subject: client.ClientId));
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await applications.CreateAsync(client.ClientId, name, client.Scopes, secret, ConnectEndpoints.NationalProperty, "true", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedClientResponse(ClientResponse.From(client), secret);
    }

    public async Task<IssuedClientResponse?> RotateSecretAsync(Guid id, Guid? actor, CancellationToken cancellationToken)
    {
        var client = await db.NationalClients.SingleOrDefaultAsync(c => c.Id == id && c.RevokedAt == null, cancellationToken);
        if (client is null) return null;
        var secret = ClientApplications.NewSecret();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await applications.SetSecretAsync(client.ClientId, secret, cancellationToken)) return null;
        client.SecretRotatedAt = clock.GetUtcNow();
        audit.Stage(db, new AuditEntry(AuditActions.ClientSecretRotated, "success", ActorUserId: actor, Subject: client.ClientId));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new IssuedClientResponse(ClientResponse.From(client), secret);
    }

    /// <summary>Ends the client and its live tokens at once; revoking twice is harmless.</summary>
    public async Task<ClientResponse?> RevokeAsync(Guid id, Guid? actor, CancellationToken cancellationToken)
    {
        var client = await db.NationalClients.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (client is null) return null;
        if (client.RevokedAt is null)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await applications.DeleteAsync(client.ClientId, cancellationToken);
            client.RevokedAt = clock.GetUtcNow();
            audit.Stage(db, new AuditEntry(AuditActions.ClientRevoked, "success", ActorUserId: actor, Subject: client.ClientId));
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        // After the application is gone (no token issued after this), and again on a repeat, in case it failed before.
        await revocations.RevokeAsync(client.ClientId, cancellationToken);
        return ClientResponse.From(client);
    }
}
