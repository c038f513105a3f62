using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>
/// An invitation to join a tenant with roles. Only a hash of its token is kept: the link in the email is the
/// one copy of the token, and it works once, until <see cref="ExpiresAt"/>.
/// </summary>
public sealed class Invitation : ITenantOwned, ITimestamped
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Lower case, so that one person is one email.</summary>
    public required string Email { get; init; }

    public List<TenantRole> Roles { get; set; } = [];

    /// <summary>The forces the person will serve as a ForceSpoc (see <see cref="ForceScope"/>).</summary>
    public List<string> ForceCodes { get; set; } = [];

    public required string TokenHash { get; init; }

    public DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? AcceptedAt { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public Guid? InvitedBy { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && CancelledAt is null && now < ExpiresAt;
}
