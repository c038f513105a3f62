using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Competence;

/// <summary>
/// The licence holder's worklist: a facilitator of an upcoming run who will lapse before it, for one reason (a
/// <see cref="Training.CompetenceGap"/> code). The daily lapse check writes it from each tenant in turn, so that the
/// Trainer reads every tenant's runs at risk here, never from the tenants' own tables. A row is kept once resolved
/// (the person trained or supervised, replaced, or the run cancelled or begun), so that it is told of once.
/// </summary>
[GlobalEntity]
public sealed class RunAtRisk
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The tenant whose run it is: a plain column of the licence holder's table, never a filter.</summary>
    public Guid TenantId { get; init; }

    public required string TenantName { get; set; }

    public Guid RunId { get; init; }

    public DateOnly Workshop1 { get; set; }

    public DateOnly Workshop2 { get; set; }

    public Guid UserId { get; init; }

    public required string PersonName { get; set; }

    /// <summary>The gap's code; one row per run, person and code.</summary>
    public required string GapCode { get; init; }

    public required string GapMessage { get; set; }

    public DateTimeOffset FirstSeenAt { get; init; }

    /// <summary>When the check last found the gap gone; null while it is open.</summary>
    public DateTimeOffset? ResolvedAt { get; set; }
}
