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
}
