using System.Linq.Expressions;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>Where a referral stands against its targets and deadline on one day.</summary>
public sealed record ReferralDeadlineStatus(
    DateOnly Today,
    DateOnly ConditionDeadline,
    DateOnly FirstContactDue,
    DateOnly BookingDue,
    bool FirstContactOverdue,
    bool BookingOverdue,
    bool AtRisk,
    bool Overdue)
{
    /// <summary>Whole days left until the deadline (0 on the deadline day, negative once it has passed).</summary>
    public int DaysToDeadline => ConditionDeadline.DayNumber - Today.DayNumber;
}

/// <summary>
/// Classifies a referral against its deadlines. Every target is a UK calendar day and is met if the thing is done
/// on that day; it is missed from the day after.
/// </summary>
public static class ReferralDeadlines
{
    /// <summary>
    /// Slack on top of the Workshop 1 → Workshop 2 gap when judging "at risk": workshops run on one weekday, so the
    /// next Workshop 1 can be up to a week away.
    /// </summary>
    public const int AtRiskMarginDays = 7;

    public static ReferralDeadlineStatus Classify(Referral referral, TenantDefinition tenant, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Classify(referral, tenant, clock.GetUtcNow());
    }

    public static ReferralDeadlineStatus Classify(Referral referral, TenantDefinition tenant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(tenant);
        var today = UkCalendar.DateOf(now);
        var condition = tenant.Condition;
        var deadline = referral.ConditionDeadline;
        var firstContactDue = UkCalendar.DateOf(referral.ReceivedAt).AddDays(condition.FirstContactTargetDays);
        var bookingDue = UkCalendar.DateOf(referral.BookingClockStartedAt).AddDays(condition.BookingTargetDays);

        var open = ReferralLifecycle.Open.Contains(referral.Status);
        var awaitingBooking = ReferralLifecycle.AwaitingBooking.Contains(referral.Status);
        var overdue = open && today > deadline;
        // Not yet overdue, but too little time left to fit both workshops the minimum gap apart (plus slack).
        var atRiskWindow = tenant.WorkshopDefaults.MinDaysApart + AtRiskMarginDays;
        var atRisk = open && !overdue && deadline.DayNumber - today.DayNumber < atRiskWindow;

        return new ReferralDeadlineStatus(
            today,
            deadline,
            firstContactDue,
            bookingDue,
            FirstContactOverdue: awaitingBooking && referral.FirstContactAt is null && today > firstContactDue,
            BookingOverdue: awaitingBooking && today > bookingDue,
            AtRisk: atRisk,
            Overdue: overdue);
    }

    /// <summary>
    /// Where <see cref="Referral.CheckDeadlines"/> could change a referral on the UK day of <paramref name="now"/> or
    /// the next (a round that crosses midnight judges its last referrals on the later day), as bounds a database can
    /// compare columns with. Derived from the same rules as <see cref="Classify(Referral, TenantDefinition, DateTimeOffset)"/>
    /// and tested against them, so the job's query never leaves out a referral the rule would change.
    /// </summary>
    public static ReferralDeadlineCutoffs Cutoffs(TenantDefinition tenant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var today = UkCalendar.DateOf(now);
        var tomorrow = today.AddDays(1);
        return new ReferralDeadlineCutoffs(
            today,
            // Missed once the UK date of the clock's start is before (day - target); the clock never starts before receipt,
            // and a UK date is before D exactly when the instant is before D's UK midnight.
            ReceivedBefore: UkCalendar.At(tomorrow.AddDays(-tenant.Condition.BookingTargetDays), TimeOnly.MinValue).ToUniversalTime(),
            AtRiskDeadlineFrom: today,
            AtRiskDeadlineBefore: tomorrow.AddDays(tenant.WorkshopDefaults.MinDaysApart + AtRiskMarginDays),
            OverdueDeadlineBefore: tomorrow);
    }
}

/// <summary>
/// The bounds of <see cref="ReferralDeadlines.Cutoffs"/>: a referral outside all three cannot get a flag or a notice
/// from the deadline check on <see cref="Today"/> or the day after. Loose by design (the rule still decides), never tighter than the rule.
/// </summary>
/// <param name="Today">The UK date the bounds were worked out on.</param>
/// <param name="ReceivedBefore">
/// The booking target can only be missed for a referral received before this instant (UTC): receipt is the earliest the
/// booking clock can have started, so a re-booked referral may pass this bound and still be in time.
/// </param>
/// <param name="AtRiskDeadlineFrom">At risk needs a deadline not yet passed: on or after this date.</param>
/// <param name="AtRiskDeadlineBefore">At risk needs a deadline inside the window: before this date.</param>
/// <param name="OverdueDeadlineBefore">Overdue needs a deadline before this date.</param>
public sealed record ReferralDeadlineCutoffs(
    DateOnly Today, DateTimeOffset ReceivedBefore, DateOnly AtRiskDeadlineFrom, DateOnly AtRiskDeadlineBefore, DateOnly OverdueDeadlineBefore)
{
    // Lists rather than the lifecycle's sets: a query provider translates List.Contains into SQL.
    private static readonly List<ReferralStatus> OpenStates = [.. ReferralLifecycle.Open];

    private static readonly List<ReferralStatus> AwaitingBookingStates = [.. ReferralLifecycle.AwaitingBooking];

    private static readonly List<ReferralStatus> StillToBookStates = [.. ReferralLifecycle.AwaitingBooking, ReferralStatus.NonCompliant];

    /// <summary>
    /// The referrals the check could change, as one expression for both the database query and the tests that hold it
    /// against <see cref="Referral.CheckDeadlines"/>: each branch is a flag or notice not yet set, in a state where the
    /// rule sets it, with its date inside the bound.
    /// </summary>
    public Expression<Func<Referral, bool>> Candidates()
    {
        var receivedBefore = ReceivedBefore;
        var atRiskFrom = AtRiskDeadlineFrom;
        var atRiskBefore = AtRiskDeadlineBefore;
        var overdueBefore = OverdueDeadlineBefore;
        return r =>
            (r.BookingTargetMissedAt == null && AwaitingBookingStates.Contains(r.Status) && r.ReceivedAt < receivedBefore)
            || (r.AtRiskNoticeAt == null && StillToBookStates.Contains(r.Status)
                && r.ConditionDeadline >= atRiskFrom && r.ConditionDeadline < atRiskBefore)
            || (r.OverdueNoticeAt == null && OpenStates.Contains(r.Status) && r.ConditionDeadline < overdueBefore);
    }
}
