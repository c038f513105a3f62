using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Retention;

/// <summary>
/// One erased case in the tenant's erasure log: which referral, when, by which rule and what kinds of data. Metadata
/// only: the log proves the erasure happened without keeping what was erased.
/// </summary>
public sealed class ErasureLogEntry : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid ReferralId { get; init; }

    public required DateTimeOffset ErasedAt { get; init; }

    public required RetentionAction Action { get; init; }

    /// <summary>The schedule's rule as applied (<see cref="RetentionSchedule.Rule"/>).</summary>
    public required string Rule { get; init; }

    /// <summary>What kinds of personal data went, in words ("victim record"), as each feature's eraser named them.</summary>
    public required List<string> Categories { get; init; }
}
