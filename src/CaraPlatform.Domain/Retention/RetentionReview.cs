using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Retention;

/// <summary>What a reviewer decided about a closed case on the worklist.</summary>
public enum RetentionDecision
{
    /// <summary>Nobody has looked yet: the case is erased at its due date.</summary>
    Pending,

    /// <summary>Kept beyond the schedule for a reason, until a later due date.</summary>
    Keep,

    /// <summary>A reviewer agreed that the case is erased at its due date.</summary>
    Erase,
}

/// <summary>
/// A closed case on the tenant's retention worklist, one per referral. The due date is worked out from the tenant's
/// schedule as it stands (so a changed schedule applies to cases already listed) plus the months reviewers kept it.
/// The entry goes when the case is erased; the erasure log keeps what happened.
/// </summary>
public sealed class RetentionReview : ITenantOwned, ITimestamped
{
    public const int ReasonMaxLength = 1000;

    public const int MaxKeepMonths = 60;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid ReferralId { get; init; }

    /// <summary>The day of the referral's last move, into a terminal state.</summary>
    public required DateOnly ClosedOn { get; init; }

    public required DateTimeOffset ListedAt { get; init; }

    /// <summary>Months beyond the schedule that reviewers kept the case for, in all.</summary>
    public int KeptMonths { get; private set; }

    public RetentionDecision Decision { get; private set; } = RetentionDecision.Pending;

    /// <summary>Why the case was kept: the reviewer's own words, which the audit trail records as the reason.</summary>
    public string? Reason { get; private set; }

    public Guid? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public DateOnly EraseDueOn(RetentionSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        return schedule.EraseDueOn(ClosedOn, KeptMonths);
    }

    public bool IsDueForErasure(RetentionSchedule schedule, DateOnly today) => today >= EraseDueOn(schedule);

    /// <summary>Keeps the case <paramref name="months"/> beyond its current due date, for <paramref name="reason"/>.</summary>
    public void Keep(int months, string reason, Guid by, DateTimeOffset at)
    {
        if (months is < 1 or > MaxKeepMonths)
            throw new ArgumentOutOfRangeException(nameof(months), months, $"A case is kept for 1 to {MaxKeepMonths} months at a time.");
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        KeptMonths += months;
        (Decision, Reason, DecidedBy, DecidedAt) = (RetentionDecision.Keep, reason.Trim(), by, at);
    }

    /// <summary>Agrees to erasure at the due date as it stands; months already kept stay kept.</summary>
    public void AgreeToErase(Guid by, DateTimeOffset at) =>
        (Decision, Reason, DecidedBy, DecidedAt) = (RetentionDecision.Erase, null, by, at);
}
