using CaraPlatform.Domain.Common;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

public sealed class ReferralDeadlinesTests
{
    /// <summary>16 weeks from the caution on 27 February 2026.</summary>
    private static readonly DateOnly SixteenWeeks = new(2026, 6, 19);

    /// <summary>20 weeks from the caution: the furthest any extension may go.</summary>
    private static readonly DateOnly TwentyWeeks = new(2026, 7, 17);

    /// <summary>Noon UTC is the same calendar day in London in winter and summer.</summary>
    private static DateTimeOffset Noon(DateOnly day) => new(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);

    private static ReferralDeadlineStatus ClassifyOn(Referral referral, DateOnly day, TenantDefinition? tenant = null) =>
        ReferralDeadlines.Classify(referral, tenant ?? Hampshire, new FakeTimeProvider(Noon(day)));

    private static Referral Booked(FakeTimeProvider clock) => ReferralLifecycleTests.InState(ReferralStatus.Booked, clock);

    [Fact]
    public void The_deadline_is_the_caution_date_plus_the_completion_window()
    {
        Assert.Equal(SixteenWeeks, CautionDate.AddDays(16 * 7));
        Assert.Equal(SixteenWeeks, Received(Clock()).ConditionDeadline);
        Assert.Equal(TwentyWeeks, ConditionDeadlines.Latest(CautionDate, Hampshire.Condition));
    }

    [Fact]
    public void A_tenant_with_a_shorter_window_starts_with_an_earlier_deadline()
    {
        var tenant = Hampshire with { Condition = Hampshire.Condition with { CompletionWeeks = 12 } };
        Assert.Equal(CautionDate.AddDays(84), Received(Clock(), tenant).ConditionDeadline);
    }

    [Fact]
    public void On_the_deadline_day_the_referral_is_at_risk_but_not_overdue()
    {
        var status = ClassifyOn(Booked(Clock()), SixteenWeeks);
        Assert.False(status.Overdue);
        Assert.True(status.AtRisk);
        Assert.Equal(0, status.DaysToDeadline);
    }

    [Fact]
    public void The_day_after_the_deadline_it_is_overdue_and_no_longer_merely_at_risk()
    {
        var status = ClassifyOn(Booked(Clock()), SixteenWeeks.AddDays(1));
        Assert.True(status.Overdue);
        Assert.False(status.AtRisk);
        Assert.Equal(-1, status.DaysToDeadline);
    }

    [Fact]
    public void The_day_before_the_deadline_it_is_not_overdue() =>
        Assert.False(ClassifyOn(Booked(Clock()), SixteenWeeks.AddDays(-1)).Overdue);

    [Fact]
    public void The_last_minute_of_the_deadline_day_in_london_is_still_in_time()
    {
        // 19 June is summer time: 23:30 London is 22:30 UTC, and 23:30 UTC is already 20 June in London.
        var referral = Booked(Clock());
        Assert.False(ReferralDeadlines.Classify(referral, Hampshire, new DateTimeOffset(2026, 6, 19, 22, 30, 0, TimeSpan.Zero)).Overdue);
        Assert.True(ReferralDeadlines.Classify(referral, Hampshire, new DateTimeOffset(2026, 6, 19, 23, 30, 0, TimeSpan.Zero)).Overdue);
        Assert.Equal(new DateOnly(2026, 6, 20), UkCalendar.DateOf(new DateTimeOffset(2026, 6, 19, 23, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void At_risk_starts_when_fewer_days_are_left_than_the_workshop_gap_plus_a_week()
    {
        // Hampshire's workshops are at least 28 days apart; with a week's slack the window is 35 days.
        var referral = Booked(Clock());
        Assert.False(ClassifyOn(referral, SixteenWeeks.AddDays(-35)).AtRisk);
        Assert.True(ClassifyOn(referral, SixteenWeeks.AddDays(-34)).AtRisk);
    }

    [Fact]
    public void Completed_referrals_are_never_at_risk_or_overdue()
    {
        var referral = ReferralLifecycleTests.InState(ReferralStatus.Completed, Clock());
        var status = ClassifyOn(referral, SixteenWeeks.AddDays(30));
        Assert.False(status.AtRisk);
        Assert.False(status.Overdue);
        Assert.False(status.BookingOverdue);
        Assert.False(status.FirstContactOverdue);
    }

    [Fact]
    public void A_breach_awaiting_the_police_still_runs_against_the_deadline()
    {
        var referral = ReferralLifecycleTests.InState(ReferralStatus.NonCompliant, Clock());
        Assert.True(ClassifyOn(referral, SixteenWeeks.AddDays(1)).Overdue);
    }

    [Fact]
    public void The_police_may_extend_to_twenty_weeks_and_the_referral_is_then_in_time()
    {
        var clock = Clock();
        var referral = Booked(clock);

        referral.ExtendDeadline(TwentyWeeks, "Workshop cancelled by the provider", Hampshire.Condition, Police, clock);

        Assert.Equal(TwentyWeeks, referral.ConditionDeadline);
        Assert.False(ClassifyOn(referral, SixteenWeeks.AddDays(1)).Overdue);
        Assert.True(ClassifyOn(referral, TwentyWeeks.AddDays(1)).Overdue);
        var entry = referral.Timeline[^1];
        Assert.Equal(ReferralAction.ExtendDeadline, entry.Action);
        Assert.Equal(ReferralStatus.Booked, entry.From);
        Assert.Equal(ReferralStatus.Booked, entry.To);
        Assert.Equal(Police.Id, entry.ActorId);
        Assert.Contains("2026-06-19", entry.Reason, StringComparison.Ordinal);
        Assert.Contains("2026-07-17", entry.Reason, StringComparison.Ordinal);
        Assert.Contains("Workshop cancelled", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_extension_beyond_twenty_weeks_is_refused()
    {
        var clock = Clock();
        var referral = Booked(clock);

        var error = Assert.Throws<ReferralRuleException>(() =>
            referral.ExtendDeadline(TwentyWeeks.AddDays(1), "More time", Hampshire.Condition, Police, clock));

        Assert.Contains("20 weeks", error.Message, StringComparison.Ordinal);
        Assert.Equal(SixteenWeeks, referral.ConditionDeadline);
    }

    [Fact]
    public void A_tenant_maximum_below_twenty_weeks_caps_extensions_there()
    {
        var clock = Clock();
        var condition = Hampshire.Condition with { MaxExtendedWeeks = 18 };
        var referral = Booked(clock);

        Assert.Throws<ReferralRuleException>(() =>
            referral.ExtendDeadline(CautionDate.AddDays(18 * 7 + 1), "More time", condition, Police, clock));
        referral.ExtendDeadline(CautionDate.AddDays(18 * 7), "More time", condition, Police, clock);
        Assert.Equal(CautionDate.AddDays(18 * 7), referral.ConditionDeadline);
    }

    [Fact]
    public void A_tenant_file_claiming_more_than_twenty_weeks_is_still_held_to_twenty() =>
        Assert.Equal(TwentyWeeks, ConditionDeadlines.Latest(CautionDate, Hampshire.Condition with { MaxExtendedWeeks = 26 }));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void An_extension_must_move_the_deadline_later(int days)
    {
        var clock = Clock();
        var referral = Booked(clock);
        Assert.Throws<ReferralRuleException>(() =>
            referral.ExtendDeadline(SixteenWeeks.AddDays(days), "Shorter", Hampshire.Condition, Police, clock));
    }

    [Fact]
    public void A_finished_referral_cannot_be_extended()
    {
        var clock = Clock();
        var referral = ReferralLifecycleTests.InState(ReferralStatus.Completed, clock);
        var error = Assert.Throws<IllegalReferralTransitionException>(() =>
            referral.ExtendDeadline(TwentyWeeks, "Late", Hampshire.Condition, Police, clock));
        Assert.Equal(ReferralStatus.Completed, error.Current);
    }

    [Fact]
    public void Booking_is_overdue_from_the_day_after_the_booking_target()
    {
        // Received 2 March; Hampshire's booking target is 28 days, so 30 March is the last day to book.
        var referral = Received(Clock());
        Assert.Equal(new DateOnly(2026, 3, 30), ClassifyOn(referral, new DateOnly(2026, 3, 2)).BookingDue);
        Assert.False(ClassifyOn(referral, new DateOnly(2026, 3, 30)).BookingOverdue);
        Assert.True(ClassifyOn(referral, new DateOnly(2026, 3, 31)).BookingOverdue);
    }

    [Fact]
    public void A_booked_referral_is_not_booking_overdue() =>
        Assert.False(ClassifyOn(Booked(Clock()), new DateOnly(2026, 4, 30)).BookingOverdue);

    [Fact]
    public void After_a_rebooking_the_booking_target_counts_from_the_police_decision()
    {
        var clock = Clock();
        var referral = ReferralLifecycleTests.InState(ReferralStatus.NonCompliant, clock);
        clock.SetUtcNow(Noon(new DateOnly(2026, 4, 10)));
        referral.AllowRebooking("Reasonable excuse", Police, clock);

        Assert.Equal(new DateOnly(2026, 5, 8), ClassifyOn(referral, new DateOnly(2026, 5, 8)).BookingDue);
        Assert.False(ClassifyOn(referral, new DateOnly(2026, 5, 8)).BookingOverdue);
        Assert.True(ClassifyOn(referral, new DateOnly(2026, 5, 9)).BookingOverdue);
    }

    [Fact]
    public void First_contact_is_overdue_from_the_day_after_the_target()
    {
        // Received 2 March; 14 days makes 16 March the last day for first contact.
        var referral = Received(Clock());
        Assert.Equal(new DateOnly(2026, 3, 16), ClassifyOn(referral, new DateOnly(2026, 3, 2)).FirstContactDue);
        Assert.False(ClassifyOn(referral, new DateOnly(2026, 3, 16)).FirstContactOverdue);
        Assert.True(ClassifyOn(referral, new DateOnly(2026, 3, 17)).FirstContactOverdue);
    }

    [Fact]
    public void Recorded_first_contact_clears_the_flag()
    {
        var clock = Clock();
        var referral = Received(clock);
        clock.Advance(TimeSpan.FromDays(20));
        referral.RecordFirstContact(Coordinator, clock);
        Assert.False(ClassifyOn(referral, new DateOnly(2026, 3, 25)).FirstContactOverdue);
    }

    [Fact]
    public void The_classification_reads_the_time_from_the_clock()
    {
        var clock = Clock();
        var referral = Booked(clock);
        clock.SetUtcNow(Noon(SixteenWeeks.AddDays(1)));
        Assert.True(ReferralDeadlines.Classify(referral, Hampshire, clock).Overdue);
    }
}
