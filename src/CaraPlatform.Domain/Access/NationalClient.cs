using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// A system of the licence holder's, or of a partner it trusts, reading across tenants with client credentials
/// (licences, training records) and bound to no tenant. The credential itself is an OpenIddict application with the
/// same client id; this row is the licence holder's record of it, kept after revocation.
/// </summary>
[GlobalEntity]
public sealed class NationalClient : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string ClientId { get; init; }

    public required string Name { get; set; }

    /// <summary>Some of <see cref="ApiScopes.NationalClientScopes"/>.</summary>
    public List<string> Scopes { get; set; } = [];

    public DateTimeOffset? SecretRotatedAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
