using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.VictimContact;

/// <summary>
/// The victim-contact service's case for one referral: opened with the referral, open until the offender's part is
/// over (Workshop 2 attended, or the referral returned, withdrawn or closed by the police), so the victim is supported
/// for as long as the offender is on the programme. Every rule of the caseload is here, free of the database.
/// </summary>
public sealed class VictimCase : ITenantOwned, ITimestamped, IRaisesDomainEvents
{
    private readonly List<VictimCaseEntry> entries = [];
    private readonly List<IDomainEvent> domainEvents = [];

    public Guid TenantId { get; set; }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid ReferralId { get; private init; }

    public DateTimeOffset OpenedAt { get; private init; }

    /// <summary>The victim-contact worker who holds the case; none until someone takes it or is given it.</summary>
    public Guid? WorkerId { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Everything recorded on the case, oldest first.</summary>
    public IReadOnlyList<VictimCaseEntry> Entries => entries;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public bool IsOpen => ClosedAt is null;

    public IReadOnlyList<IDomainEvent> DomainEvents => domainEvents;

    public void ClearDomainEvents() => domainEvents.Clear();

    public static VictimCase Open(Guid referralId, TimeProvider clock) => new() { ReferralId = referralId, OpenedAt = clock.GetUtcNow() };

    /// <summary>
    /// Gives the case to <paramref name="workerId"/>. The same person never supports both the offender and the victim,
    /// so a facilitator of any of the participant's runs is refused.
    /// </summary>
    public void Assign(Guid workerId, IReadOnlyCollection<Guid> facilitatorsOfParticipant)
    {
        EnsureOpen();
        if (facilitatorsOfParticipant.Contains(workerId))
            throw new VictimCaseRuleException("workerId", "A facilitator of the participant cannot hold the victim's case",
                "This person facilitates a run the participant is booked on: the same member of staff never supports both the offender and the victim.");
        WorkerId = workerId;
    }

    /// <summary>
    /// Adds an entry. A contact attempt needs a safe-contact check recorded since the last attempt, so nobody calls a
    /// victim on what was safe last week; a victim-reported change needs its workshop to have happened. A reported change
    /// and a signposting raise an event for the national measures, with the structured answer only.
    /// </summary>
    public void Record(VictimCaseEntry entry, ReferralProgress progress)
    {
        EnsureOpen();
        switch (entry.Kind)
        {
            case VictimCaseEntryKind.ContactAttempt when !HasFreshSafeContactCheck:
                throw new SafeContactCheckRequiredException();
            case VictimCaseEntryKind.ReportedChange when !progress.Attended(entry.Workshop!.Value):
                throw new VictimCaseRuleException("workshop", $"{entry.Workshop} has not happened for this participant",
                    "A victim-reported change is asked for after the participant attended that workshop.");
            case VictimCaseEntryKind.ReportedChange when entries.Any(e => e.Kind == VictimCaseEntryKind.ReportedChange && e.Workshop == entry.Workshop):
                throw new VictimCaseRuleException("workshop", $"The change after {entry.Workshop} is already recorded");
            case VictimCaseEntryKind.Closure:
                throw new ArgumentException("A case is closed with Close, which checks the referral.", nameof(entry));
        }

        entry.CaseId = Id;
        entries.Add(entry);
        switch (entry.Kind)
        {
            case VictimCaseEntryKind.ReportedChange:
                domainEvents.Add(new VictimChangeReported(entry.Id, progress.ForceCode, entry.Workshop!.Value, entry.Change!.Value, entry.RecordedAt));
                break;
            case VictimCaseEntryKind.Signposting:
                domainEvents.Add(new VictimSignposted(entry.Id, progress.ForceCode, [.. entry.Services], entry.RecordedAt));
                break;
        }
    }

    /// <summary>Closes the case with its reason, once the referral is over: closing earlier would leave the victim unsupported.</summary>
    public void Close(VictimCaseEntry closure, ReferralProgress progress)
    {
        EnsureOpen();
        if (closure.Kind != VictimCaseEntryKind.Closure) throw new ArgumentException("Not a closure.", nameof(closure));
        if (!ReferralLifecycle.Terminal.Contains(progress.Status))
            throw new VictimCaseRuleException("referral", $"The referral is still {progress.Status}",
                "A victim-contact case stays open until after Workshop 2, or until the referral is returned to, withdrawn or closed by the police.");
        closure.CaseId = Id;
        entries.Add(closure);
        ClosedAt = closure.RecordedAt;
    }

    /// <summary>Whether the latest safe-contact check came after the latest contact attempt.</summary>
    public bool HasFreshSafeContactCheck =>
        entries.LastOrDefault(e => e.Kind is VictimCaseEntryKind.SafeContactCheck or VictimCaseEntryKind.ContactAttempt) is
        { Kind: VictimCaseEntryKind.SafeContactCheck };

    /// <summary>Whether the worker has spoken to the victim at all.</summary>
    public bool HasReachedVictim => entries.Any(e => e.Outcome == ContactOutcome.Spoke);

    private void EnsureOpen()
    {
        if (!IsOpen) throw new VictimCaseRuleException("caseId", "The victim-contact case is closed");
    }
}

/// <summary>
/// What the referral has been through, as far as the victim-contact rules need to know, and its force (the national
/// measures count victim-reported change per force).
/// </summary>
public sealed record ReferralProgress(ReferralStatus Status, bool Workshop1Attended, bool Workshop2Attended, string ForceCode)
{
    public static ReferralProgress Of(Referral referral) => new(
        referral.Status,
        referral.Timeline.Any(t => t.Action == ReferralAction.RecordWorkshop1Attended),
        referral.Timeline.Any(t => t.Action == ReferralAction.RecordWorkshop2Attended),
        referral.ForceCode);

    public bool Attended(WorkshopNumber workshop) => workshop == WorkshopNumber.Workshop1 ? Workshop1Attended : Workshop2Attended;
}

/// <summary>A victim-contact rule refused the request; <see cref="Field"/> names what to change. A 409.</summary>
public sealed class VictimCaseRuleException(string field, string title, string? detail = null) : Exception(title)
{
    public string Field { get; } = field;

    public string? Detail { get; } = detail;
}

/// <summary>A contact attempt without a safe-contact check since the last one. A 422 naming the check.</summary>
public sealed class SafeContactCheckRequiredException()
    : Exception("Record a safe-contact check (method, safe times, whether the person who caused harm is present) before each contact attempt.");
