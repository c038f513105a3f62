using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// A police referral of an offender to CARA, from receipt to completion or return. Status changes only through
/// the methods here, each checked against <see cref="ReferralLifecycle"/> and written to <see cref="Timeline"/>
/// with who, when and why. Holds nothing about the victim: that lives in the victim-contact record, so that
/// nothing shown for the offender (or sent to facilitators) can carry it.
/// </summary>
public sealed class Referral : ITenantOwned, ITimestamped, IRaisesDomainEvents
{
    public const int PoliceReferenceMaxLength = 100;

    private readonly List<ReferralTransition> timeline = [];
    private readonly List<IDomainEvent> domainEvents = [];

    private Referral()
    {
    }

    public Guid TenantId { get; set; }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    /// <summary>The force's own reference (crime or custody number), as police quote it.</summary>
    public string PoliceReference { get; private set; } = "";

    /// <summary>The referring force, by its code in the tenant file.</summary>
    public string ForceCode { get; private set; } = "";

    public ReferringOfficer Officer { get; private set; } = null!;

    /// <summary>The eligibility answers as the police asserted them; <see cref="Screening"/> holds the provider's.</summary>
    public ScreeningAnswers PoliceAnswers { get; private set; } = null!;

    public DisposalType DisposalType { get; private set; }

    /// <summary>The day the caution was given: the condition's deadline counts from it.</summary>
    public DateOnly DisposalDate { get; private set; }

    public Offence Offence { get; private set; } = null!;

    public Offender Offender { get; private set; } = null!;

    public ReferralStatus Status { get; private set; }

    public DateTimeOffset ReceivedAt { get; private set; }

    public DateTimeOffset? FirstContactAt { get; private set; }

    /// <summary>The last day on which the condition can be met; the police may extend it (see <see cref="ExtendDeadline"/>).</summary>
    public DateOnly ConditionDeadline { get; private set; }

    /// <summary>The answers the provider screened against, kept so the decision can be explained later.</summary>
    public ScreeningAnswers? Screening { get; private set; }

    /// <summary>How many times the police allowed a re-booking after a breach.</summary>
    public int RebookingCount { get; private set; }

    public IReadOnlyList<ReferralTransition> Timeline => timeline;

    /// <summary>When the referral closed: its last move, into a terminal state. Null while it is open.</summary>
    public DateTimeOffset? ClosedAt => ReferralLifecycle.Terminal.Contains(Status) ? timeline[^1].At : null;

    /// <summary>When the deadline job first found the booking target missed: a flag for coordinators, not a notice.</summary>
    public DateTimeOffset? BookingTargetMissedAt { get; private set; }

    /// <summary>When the police were told the deadline is at risk; set once so they are told once.</summary>
    public DateTimeOffset? AtRiskNoticeAt { get; private set; }

    /// <summary>When the police were told the deadline passed unmet; set once.</summary>
    public DateTimeOffset? OverdueNoticeAt { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    /// <summary>A referral as the police send it. The deadline starts at the tenant's completion window.</summary>
    public static Referral Receive(ReferralDetails details, ConditionSettings condition, ReferralActor actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var referral = new Referral { Status = ReferralStatus.Received, ReceivedAt = now };
        referral.SetDetails(details, condition, now);
        referral.timeline.Add(new ReferralTransition(
            From: null, ReferralStatus.Received, ReferralAction.Receive, now, actor.Id, actor.Name, Reason: null));
        referral.domainEvents.Add(new ReferralReceived(referral.Facts, now));
        return referral;
    }

    /// <summary>
    /// The police correct what they sent, before the provider starts screening: after that the provider has acted
    /// on the details, so a change must go through a conversation, not an edit.
    /// </summary>
    public void Correct(ReferralDetails details, ConditionSettings condition, ReferralActor actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(condition);
        Apply(ReferralAction.Correct, actor, clock, reason: null);
        SetDetails(details, condition, clock.GetUtcNow());
        domainEvents.Add(new ReferralCorrected(Facts, timeline[^1].At));
    }

    private void SetDetails(ReferralDetails details, ConditionSettings condition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.PoliceReference);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.ForceCode);
        ArgumentNullException.ThrowIfNull(details.Officer);
        ArgumentNullException.ThrowIfNull(details.Offence);
        ArgumentNullException.ThrowIfNull(details.Offender);
        ArgumentNullException.ThrowIfNull(details.PoliceAnswers);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Offence.TypeCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Offender.GivenName);
        ArgumentException.ThrowIfNullOrWhiteSpace(details.Offender.FamilyName);
        if (details.PoliceReference.Length > PoliceReferenceMaxLength)
            throw new ArgumentException($"A police reference is at most {PoliceReferenceMaxLength} characters.", nameof(details));

        // A referral follows the caution, which follows the offence: dates out of that order are typing errors.
        if (details.DisposalDate > UkCalendar.DateOf(now))
            throw new ReferralRuleException($"The caution date {details.DisposalDate:yyyy-MM-dd} is in the future.");
        if (details.Offence.Date > details.DisposalDate)
            throw new ReferralRuleException(
                $"The offence date {details.Offence.Date:yyyy-MM-dd} is after the caution date {details.DisposalDate:yyyy-MM-dd}.");
        if (details.Offender.DateOfBirth >= details.Offence.Date)
            throw new ReferralRuleException("The offender's date of birth must be before the offence date.");

        PoliceReference = details.PoliceReference.Trim();
        ForceCode = details.ForceCode;
        DisposalType = details.DisposalType;
        DisposalDate = details.DisposalDate;
        Officer = details.Officer;
        Offence = details.Offence;
        Offender = details.Offender;
        PoliceAnswers = details.PoliceAnswers;
        ConditionDeadline = ConditionDeadlines.Initial(details.DisposalDate, condition);
    }

    /// <summary>The details as the police may correct them.</summary>
    public ReferralDetails Details => new(PoliceReference, ForceCode, DisposalType, DisposalDate, Officer, Offence, Offender, PoliceAnswers);

    /// <summary>What the referral is, as its events tell it.</summary>
    public ReferralFacts Facts => new(Id, PoliceReference, ForceCode, Status, DisposalDate, ConditionDeadline);

    /// <summary>
    /// Events raised since the referral was loaded; the data layer writes them to the tenant's event stream in the
    /// same transaction as the change and then forgets them.
    /// </summary>
    public IReadOnlyList<IDomainEvent> DomainEvents => domainEvents;

    public void ClearDomainEvents() => domainEvents.Clear();

    /// <summary>
    /// The deadline job's daily look at the referral: flags a missed booking target, and raises the deadline-at-risk
    /// event once and the overdue event once (each a notice to the police). Returns the notices they make.
    /// </summary>
    public IReadOnlyList<PoliceNoticeType> CheckDeadlines(TenantDefinition tenant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        var status = ReferralDeadlines.Classify(this, tenant, now);
        var raised = new List<PoliceNoticeType>();
        if (status.BookingOverdue && BookingTargetMissedAt is null)
            BookingTargetMissedAt = now;
        // A booked referral whose workshops fit is not at risk however close the deadline; an unbooked one or a breach is.
        var stillToBook = ReferralLifecycle.AwaitingBooking.Contains(Status) || Status == ReferralStatus.NonCompliant;
        if (status.AtRisk && stillToBook && AtRiskNoticeAt is null)
        {
            AtRiskNoticeAt = now;
            domainEvents.Add(new ReferralDeadlineAtRisk(Facts, now, $"The deadline {ConditionDeadline:yyyy-MM-dd} is at risk."));
            raised.Add(PoliceNoticeType.DeadlineAtRisk);
        }

        if (status.Overdue && OverdueNoticeAt is null)
        {
            OverdueNoticeAt = now;
            domainEvents.Add(new ReferralOverdue(Facts, now, $"The deadline {ConditionDeadline:yyyy-MM-dd} passed with the condition unmet."));
            raised.Add(PoliceNoticeType.Overdue);
        }

        return raised;
    }

    public void StartScreening(ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.StartScreening, actor, clock, reason: null);

    /// <summary>
    /// Screens the referral against the national rules and the tenant's own, and moves it to Eligible or back to
    /// the police as ineligible with every failing reason on the timeline.
    /// </summary>
    public EligibilityResult RecordScreening(ScreeningAnswers answers, TenantDefinition tenant, ReferralActor actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(answers);
        // Check the state before judging anything, so a stale screen form gets a 409 rather than a verdict.
        if (!ReferralLifecycle.Allows(Status, ReferralAction.ConfirmEligible))
            throw new IllegalReferralTransitionException(Status, ReferralAction.ConfirmEligible);

        var result = EligibilityRules.Evaluate(Offender, Offence, answers, tenant);
        Screening = answers;
        if (result.IsEligible)
            Apply(ReferralAction.ConfirmEligible, actor, clock, reason: null);
        else
            Apply(ReferralAction.ReturnIneligible, actor, clock, string.Join("; ", result.Reasons.Select(r => r.Text)));
        return result;
    }

    /// <summary>
    /// The coordinator's screening decision on the checklist. <c>eligible</c> must agree with the rules (a referral that
    /// fails one cannot be passed by hand); <c>ineligible</c> needs a reason and returns the referral to the police with
    /// that reason and any rule it fails.
    /// </summary>
    public EligibilityResult DecideScreening(
        ScreeningAnswers answers, bool eligible, string? reason, TenantDefinition tenant, ReferralActor actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var action = eligible ? ReferralAction.ConfirmEligible : ReferralAction.ReturnIneligible;
        if (!ReferralLifecycle.Allows(Status, action))
            throw new IllegalReferralTransitionException(Status, action);
        var result = EligibilityRules.Evaluate(Offender, Offence, answers, tenant);
        if (eligible)
        {
            if (!result.IsEligible)
                throw new ScreeningContradictionException(result.Reasons);
            Screening = answers;
            Apply(ReferralAction.ConfirmEligible, actor, clock, reason);
            return result;
        }

        if (string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException("Returning a referral as ineligible needs a reason: the police are told why.", nameof(reason));
        Screening = answers;
        var text = result.IsEligible ? reason.Trim() : $"{reason.Trim()} ({string.Join("; ", result.Reasons.Select(r => r.Text))})";
        Apply(ReferralAction.ReturnIneligible, actor, clock, text);
        return result;
    }

    /// <summary>The provider's own judgement that the referral is incomplete or unsafe, whatever the rules say.</summary>
    public void ReturnIneligible(string reason, ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.ReturnIneligible, actor, clock, reason, reasonRequired: true);

    public void ReturnUncontactable(string reason, ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.ReturnUncontactable, actor, clock, reason, reasonRequired: true);

    /// <summary>Not a change of status; the first-contact target is measured against it.</summary>
    public void RecordFirstContact(ReferralActor actor, TimeProvider clock)
    {
        if (FirstContactAt is not null)
            throw new ReferralRuleException($"First contact was already recorded at {FirstContactAt:O}.");
        Apply(ReferralAction.RecordFirstContact, actor, clock, reason: null);
        FirstContactAt = timeline[^1].At;
    }

    /// <summary>Booked onto both workshops; the booking itself (run, venue) belongs to the booking feature, the police hear the dates.</summary>
    public void Book(ReferralActor actor, TimeProvider clock, BookedWorkshops? workshops = null) =>
        Apply(ReferralAction.Book, actor, clock, reason: null, workshops: workshops);

    /// <summary>
    /// The booking or its run was cancelled: back to Eligible to be booked again, both workshops. The event says
    /// whether the deadline is now at risk: only then do the police hear of it, since otherwise nothing they must act
    /// on has changed.
    /// </summary>
    public void CancelBooking(string reason, TenantDefinition tenant, ReferralActor actor, TimeProvider clock)
    {
        Apply(ReferralAction.CancelBooking, actor, clock, reason, reasonRequired: true);
        var atRisk = ReferralDeadlines.Classify(this, tenant, clock).AtRisk;
        domainEvents.Add(new ReferralBookingCancelled(Facts, timeline[^1].At, reason.Trim(), atRisk));
    }

    /// <summary>The booked run changed (dates, times or place); recorded so the timeline explains the new dates.</summary>
    public void NoteRunChanged(string what, ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.NoteRunChanged, actor, clock, what, reasonRequired: true);

    public void RecordWorkshop1Attended(ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.RecordWorkshop1Attended, actor, clock, reason: null);

    /// <summary>Attending Workshop 2 after Workshop 1 completes the condition.</summary>
    public void RecordWorkshop2Attended(ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.RecordWorkshop2Attended, actor, clock, reason: null);

    /// <summary>
    /// A missed workshop or refused entry (late arrival): a breach the police must decide on. The register says which
    /// workshop and how (<paramref name="breach"/>), so the national picture counts breaches by code, not by words.
    /// </summary>
    public void RecordNonCompliance(string reason, ReferralActor actor, TimeProvider clock, MissedWorkshop? breach = null)
    {
        Apply(ReferralAction.RecordNonCompliance, actor, clock, reason, reasonRequired: true);
        domainEvents.Add(new ReferralNonCompliant(Facts, timeline[^1].At, timeline[^1].Reason!, breach));
    }

    /// <summary>The police accept a reasonable excuse; the offender is booked again and repeats both workshops.</summary>
    public void AllowRebooking(string reason, ReferralActor actor, TimeProvider clock)
    {
        Apply(ReferralAction.AllowRebooking, actor, clock, reason, reasonRequired: true);
        RebookingCount++;
    }

    /// <summary>The police decide the breach ends the referral (for example, prosecution for the original offence).</summary>
    public void Close(string reason, ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.Close, actor, clock, reason, reasonRequired: true);

    public void Withdraw(string reason, ReferralActor actor, TimeProvider clock) =>
        Apply(ReferralAction.Withdraw, actor, clock, reason, reasonRequired: true);

    /// <summary>
    /// The police move the deadline later, never beyond the tenant's maximum (at most 20 weeks from the caution)
    /// and never earlier: an earlier deadline would put a compliant offender in breach.
    /// </summary>
    public void ExtendDeadline(DateOnly newDeadline, string reason, ConditionSettings condition, ReferralActor actor, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(condition);
        if (!ReferralLifecycle.Allows(Status, ReferralAction.ExtendDeadline))
            throw new IllegalReferralTransitionException(Status, ReferralAction.ExtendDeadline);
        var latest = ConditionDeadlines.Latest(DisposalDate, condition);
        if (newDeadline > latest)
            throw new ReferralRuleException(
                $"The deadline cannot be extended beyond {latest:yyyy-MM-dd}, {ConditionDeadlines.MaxWeeks(condition)} weeks from the caution.");
        if (newDeadline <= ConditionDeadline)
            throw new ReferralRuleException($"An extension must be later than the current deadline {ConditionDeadline:yyyy-MM-dd}.");
        var previous = ConditionDeadline;
        Apply(ReferralAction.ExtendDeadline, actor, clock, reason, reasonRequired: true,
            describe: r => $"Deadline {previous:yyyy-MM-dd} → {newDeadline:yyyy-MM-dd}: {r}");
        ConditionDeadline = newDeadline;
        domainEvents.Add(new ReferralDeadlineExtended(Facts, timeline[^1].At, previous, reason.Trim()));
    }

    /// <summary>
    /// The retention schedule's last step for a closed case: the offender's identity and contact details, the officer's
    /// contact details, the police reference and every reason on the timeline are cleared or replaced. What the counts
    /// need (dates, status, force, offence type, relationship, sex, screening answers) stays. Raises no event: the
    /// police and the national picture have nothing new to learn.
    /// </summary>
    public void Anonymise()
    {
        if (ClosedAt is null)
            throw new ReferralRuleException($"A {Status} referral is still open: only a closed case is anonymised.");
        PoliceReference = $"erased-{Id:N}";
        Officer = ReferringOfficer.Erased;
        Offender = Offender.Anonymised();
        for (var i = 0; i < timeline.Count; i++)
            timeline[i] = timeline[i] with { Reason = null };
    }

    /// <summary>When the booking clock last started: receipt, or the police's latest permission to re-book.</summary>
    public DateTimeOffset BookingClockStartedAt =>
        timeline.LastOrDefault(t => t.Action == ReferralAction.AllowRebooking)?.At ?? ReceivedAt;

    private void Apply(
        ReferralAction action, ReferralActor actor, TimeProvider clock, string? reason, bool reasonRequired = false,
        Func<string, string>? describe = null, BookedWorkshops? workshops = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(clock);
        var next = ReferralLifecycle.Next(Status, action);
        if (reasonRequired && string.IsNullOrWhiteSpace(reason))
            throw new ArgumentException($"{action} needs a reason: the police are told why.", nameof(reason));
        var text = reason?.Trim();
        if (text is not null && describe is not null)
            text = describe(text);
        var at = clock.GetUtcNow();
        timeline.Add(new ReferralTransition(Status, next, action, at, actor.Id, actor.Name, text));
        Status = next;
        if (ReferralEvents.OfMove(action, Facts, at, text, workshops) is { } raised)
            domainEvents.Add(raised);
    }
}
