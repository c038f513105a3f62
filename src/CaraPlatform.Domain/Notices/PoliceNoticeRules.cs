using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Domain.Notices;

/// <summary>What one referral event tells the police.</summary>
/// <param name="Reason">Why, in words the police may read (a return's reasons, a breach's workshop); never victim data.</param>
/// <param name="Workshops">For a booking: the dates the police are told (DESIGN.md §1 lets them know booked dates).</param>
public sealed record ReferralNotice(PoliceNoticeType Type, DateTimeOffset At, string? Reason, BookedWorkshops? Workshops = null);

/// <summary>
/// Which referral events the police are told of (DESIGN.md §1): returns and why, bookings, completions, breaches,
/// withdrawals acknowledged and deadline warnings. Their own decisions (re-booking, closing, extending) are not
/// echoed back, and nothing of screening, contact or feedback reaches them.
/// </summary>
public static class PoliceNoticeRules
{
    /// <summary>The notice the event makes, or null when the police are not told of it.</summary>
    public static ReferralNotice? NoticeFor(ReferralEvent referralEvent) => referralEvent switch
    {
        ReferralReturnedIneligible e => new(PoliceNoticeType.ReturnedIneligible, e.OccurredAt, e.Reason),
        ReferralReturnedUncontactable e => new(PoliceNoticeType.ReturnedUncontactable, e.OccurredAt, e.Reason),
        ReferralBooked e => new(PoliceNoticeType.Booked, e.OccurredAt, null, e.Workshops),
        ReferralCompleted e => new(PoliceNoticeType.Completed, e.OccurredAt, null),
        ReferralNonCompliant e => new(PoliceNoticeType.NonCompliant, e.OccurredAt, e.Reason),
        ReferralWithdrawn e => new(PoliceNoticeType.WithdrawalAcknowledged, e.OccurredAt, e.Reason),
        ReferralBookingCancelled { DeadlineAtRisk: true } e => new(PoliceNoticeType.RebookingNeeded, e.OccurredAt, e.Reason),
        ReferralDeadlineAtRisk e => new(PoliceNoticeType.DeadlineAtRisk, e.OccurredAt, e.Reason),
        ReferralOverdue e => new(PoliceNoticeType.Overdue, e.OccurredAt, e.Reason),
        _ => null,
    };
}
