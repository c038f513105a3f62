using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// A police or provider system calling the API with client credentials, bound to exactly one tenant. The
/// credential itself is an OpenIddict application with the same client id; this row is the tenant's record of it.
/// </summary>
public sealed class IntegrationClient : ITenantOwned, ITimestamped
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public required string Name { get; set; }

    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsRevoked => RevokedAt is not null;
}
