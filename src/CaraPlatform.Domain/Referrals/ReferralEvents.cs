using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// The referral as every event about it carries it, as it stood right after the change: identity, state and the
/// administrative dates. Nothing about the offender as a person, and nothing about the victim.
/// </summary>
public sealed record ReferralFacts(
    Guid Id, string PoliceReference, string ForceCode, ReferralStatus Status, DateOnly CautionDate, DateOnly ConditionDeadline);

/// <summary>An event about a referral. <see cref="IDomainEvent.AggregateId"/> is the referral's id.</summary>
public abstract record ReferralEvent(ReferralFacts Referral, DateTimeOffset OccurredAt) : IDomainEvent
{
    // Explicit, so the referral's id is stored once (in Referral), not again beside it.
    Guid IDomainEvent.AggregateId => Referral.Id;
}

[DomainEvent("referral.received", 1)]
public sealed record ReferralReceived(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.corrected", 1)]
public sealed record ReferralCorrected(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.screening-started", 1)]
public sealed record ReferralScreeningStarted(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.screened-eligible", 1)]
public sealed record ReferralScreenedEligible(ReferralFacts Referral, DateTimeOffset OccurredAt, string? Reason)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.returned-ineligible", 1)]
public sealed record ReferralReturnedIneligible(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.returned-uncontactable", 1)]
public sealed record ReferralReturnedUncontactable(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.first-contact-made", 1)]
public sealed record ReferralFirstContactMade(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

/// <param name="Workshops">The run booked and when its Workshop 1 and 2 start, when the booking named them.</param>
[DomainEvent("referral.booked", 1)]
public sealed record ReferralBooked(ReferralFacts Referral, DateTimeOffset OccurredAt, BookedWorkshops? Workshops)
    : ReferralEvent(Referral, OccurredAt);

/// <param name="DeadlineAtRisk">Whether the deadline was at risk when the place was lost: then the police must hear of it.</param>
[DomainEvent("referral.booking-cancelled", 1)]
public sealed record ReferralBookingCancelled(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason, bool DeadlineAtRisk)
    : ReferralEvent(Referral, OccurredAt);

/// <param name="Change">What changed about the booked run (new dates, times or place).</param>
[DomainEvent("referral.booked-run-changed", 1)]
public sealed record ReferralBookedRunChanged(ReferralFacts Referral, DateTimeOffset OccurredAt, string Change)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.workshop1-attended", 1)]
public sealed record ReferralWorkshop1Attended(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.completed", 1)]
public sealed record ReferralCompleted(ReferralFacts Referral, DateTimeOffset OccurredAt) : ReferralEvent(Referral, OccurredAt);

/// <param name="Breach">Which workshop was missed and how, when the register recorded it; null in events stored before it was carried.</param>
[DomainEvent("referral.non-compliant", 1)]
public sealed record ReferralNonCompliant(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason, MissedWorkshop? Breach = null)
    : ReferralEvent(Referral, OccurredAt);

/// <summary>A breach as the register records it: the workshop and its mark (absent, or late and refused entry).</summary>
public sealed record MissedWorkshop(WorkshopNumber Workshop, AttendanceMark Mark);

[DomainEvent("referral.rebooking-allowed", 1)]
public sealed record ReferralRebookingAllowed(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.closed", 1)]
public sealed record ReferralClosed(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.withdrawn", 1)]
public sealed record ReferralWithdrawn(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason) : ReferralEvent(Referral, OccurredAt);

/// <param name="PreviousDeadline">The deadline before; the new one is in <see cref="ReferralEvent.Referral"/>.</param>
[DomainEvent("referral.deadline-extended", 1)]
public sealed record ReferralDeadlineExtended(ReferralFacts Referral, DateTimeOffset OccurredAt, DateOnly PreviousDeadline, string Reason)
    : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.deadline-at-risk", 1)]
public sealed record ReferralDeadlineAtRisk(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason) : ReferralEvent(Referral, OccurredAt);

[DomainEvent("referral.overdue", 1)]
public sealed record ReferralOverdue(ReferralFacts Referral, DateTimeOffset OccurredAt, string Reason) : ReferralEvent(Referral, OccurredAt);

internal static class ReferralEvents
{
    /// <summary>
    /// The event of a move, raised as soon as the move is made. Null for the moves whose method changes more after
    /// the move (a correction, a cancelled booking, an extension, a breach): those raise their event once the change is whole.
    /// </summary>
    public static ReferralEvent? OfMove(ReferralAction action, ReferralFacts referral, DateTimeOffset at, string? reason, BookedWorkshops? workshops) =>
        action switch
        {
            ReferralAction.StartScreening => new ReferralScreeningStarted(referral, at),
            ReferralAction.ConfirmEligible => new ReferralScreenedEligible(referral, at, reason),
            ReferralAction.ReturnIneligible => new ReferralReturnedIneligible(referral, at, reason!),
            ReferralAction.ReturnUncontactable => new ReferralReturnedUncontactable(referral, at, reason!),
            ReferralAction.RecordFirstContact => new ReferralFirstContactMade(referral, at),
            ReferralAction.Book => new ReferralBooked(referral, at, workshops),
            ReferralAction.NoteRunChanged => new ReferralBookedRunChanged(referral, at, reason!),
            ReferralAction.RecordWorkshop1Attended => new ReferralWorkshop1Attended(referral, at),
            ReferralAction.RecordWorkshop2Attended => new ReferralCompleted(referral, at),
            ReferralAction.AllowRebooking => new ReferralRebookingAllowed(referral, at, reason!),
            ReferralAction.Close => new ReferralClosed(referral, at, reason!),
            ReferralAction.Withdraw => new ReferralWithdrawn(referral, at, reason!),
            _ => null,
        };
}
