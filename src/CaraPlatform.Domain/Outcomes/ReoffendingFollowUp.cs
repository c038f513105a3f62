using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Events;

namespace CaraPlatform.Domain.Outcomes;

/// <summary>Who a follow-up is about: a person referred to CARA, or the evaluations' comparison group.</summary>
public enum FollowUpCohort
{
    /// <summary>A person the police referred; the follow-up belongs to their referral.</summary>
    Referred,

    /// <summary>A person the police found eligible but did not refer: no referral, only the police's reference.</summary>
    EligibleNotReferred,
}

/// <summary>One domestic-abuse reoffence the police recorded: its type (<see cref="ReoffenceTypes"/>) and when it was committed.</summary>
public sealed record Reoffence(string TypeCode, DateOnly On);

/// <summary>What the police report for one follow-up window: whether the person reoffended, and the offences.</summary>
public sealed record FollowUpFindings(bool Reoffended, IReadOnlyList<Reoffence> Reoffences)
{
    public bool SameAs(FollowUpFindings other) =>
        other is not null && Reoffended == other.Reoffended && InOrder(Reoffences).SequenceEqual(InOrder(other.Reoffences));

    /// <summary>Offences by date, then type: the order the police send them in carries no meaning.</summary>
    public static IEnumerable<Reoffence> InOrder(IEnumerable<Reoffence> reoffences) =>
        reoffences.OrderBy(r => r.On).ThenBy(r => r.TypeCode, StringComparer.Ordinal);
}

/// <summary>What recording findings did to a follow-up, for the caller's count of new, changed and unchanged rows.</summary>
public enum FollowUpChange { New, Changed, Unchanged }

/// <summary>
/// The police's reoffending follow-up of one person for one window (6 or 12 months from the referral, or from the
/// day a comparison-group person was found eligible), keyed by the police reference so the police can send it again:
/// the same findings change nothing, new findings replace the old and raise a new <see cref="OutcomeRecorded"/>.
/// </summary>
public sealed class ReoffendingFollowUp : ITenantOwned, ITimestamped, IRaisesDomainEvents
{
    /// <summary>The follow-up windows the evaluations use, in months.</summary>
    public static readonly IReadOnlyList<int> Windows = [6, 12];

    private readonly List<IDomainEvent> domainEvents = [];

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string PoliceReference { get; init; } = "";

    public int Months { get; init; }

    public FollowUpCohort Cohort { get; init; }

    /// <summary>The referral followed up; none for the comparison group.</summary>
    public Guid? ReferralId { get; init; }

    /// <summary>The first day of the window: the referral's receipt, or the day the comparison-group person was found eligible.</summary>
    public DateOnly StartOn { get; init; }

    public bool Reoffended { get; private set; }

    public IReadOnlyList<Reoffence> Reoffences { get; private set; } = [];

    public DateTimeOffset RecordedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => domainEvents;

    public FollowUpFindings Findings => new(Reoffended, Reoffences);

    public void ClearDomainEvents() => domainEvents.Clear();

    /// <summary>A new follow-up with its first findings; the rules (<see cref="FollowUpRules"/>) are checked by the caller first.</summary>
    public static ReoffendingFollowUp Open(
        string policeReference, int months, FollowUpCohort cohort, Guid? referralId, DateOnly startOn, FollowUpFindings findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var followUp = new ReoffendingFollowUp
        {
            PoliceReference = policeReference,
            Months = months,
            Cohort = cohort,
            ReferralId = referralId,
            StartOn = startOn,
        };
        followUp.Set(findings, now);
        return followUp;
    }

    /// <summary>Records the findings again: nothing happens when they are the same (a repeat), otherwise they replace the old.</summary>
    public FollowUpChange Record(FollowUpFindings findings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(findings);
        if (findings.SameAs(Findings)) return FollowUpChange.Unchanged;
        Set(findings, now);
        return FollowUpChange.Changed;
    }

    private void Set(FollowUpFindings findings, DateTimeOffset now)
    {
        Reoffended = findings.Reoffended;
        Reoffences = [.. FollowUpFindings.InOrder(findings.Reoffences)];
        RecordedAt = now;
        domainEvents.Add(new OutcomeRecorded(
            Id, ReferralId, Cohort, Months, Reoffended, [.. Reoffences.Select(r => r.TypeCode).Distinct().Order(StringComparer.Ordinal)],
            Reoffences.Count == 0 ? null : Reoffences.Min(r => r.On), now));
    }
}

/// <summary>
/// A follow-up's findings, for the national model: never the police reference or anything else naming the person.
/// Not for the police either (they sent it).
/// </summary>
/// <param name="OffenceTypes">The distinct reoffence type codes.</param>
[DomainEvent("outcome.recorded", 1)]
public sealed record OutcomeRecorded(
    Guid FollowUpId, Guid? ReferralId, FollowUpCohort Cohort, int Months, bool Reoffended, IReadOnlyList<string> OffenceTypes,
    DateOnly? FirstReoffenceOn, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => FollowUpId;
}
