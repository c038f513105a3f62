using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// An invitation to join the licence holder's staff with platform roles: the tenant <see cref="Invitation"/>'s
/// counterpart, global because the licence holder's staff belong to no tenant. Only a hash of its token is kept: the
/// link in the email (or, for the first LicenceAdmin, printed by the bootstrap command) is the one copy of the token.
/// </summary>
[GlobalEntity]
public sealed class StaffInvitation : ITimestamped
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Lower case, so that one person is one email.</summary>
    public required string Email { get; init; }

    /// <summary>The name the inviter gave, offered to a new account as its display name.</summary>
    public string? Name { get; init; }

    public List<PlatformRole> Roles { get; set; } = [];

    public required string TokenHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>Null for the first LicenceAdmin, whom the bootstrap command invites.</summary>
    public Guid? InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && CancelledAt is null && now < ExpiresAt;
}
