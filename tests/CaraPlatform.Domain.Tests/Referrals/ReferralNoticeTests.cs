using CaraPlatform.Domain.Notices;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

/// <summary>The notices a referral's events make, as the police-notice consumer makes them.</summary>
public static class RaisedNotices
{
    public static IReadOnlyList<ReferralNotice> Of(Referral referral) =>
        [.. referral.DomainEvents.OfType<ReferralEvent>().Select(PoliceNoticeRules.NoticeFor).OfType<ReferralNotice>()];
}

public class ReferralNoticeTests
{
    [Fact]
    public void Outcomes_the_police_must_hear_raise_one_notice_each_and_their_own_decisions_raise_none()
    {
        var clock = Clock();
        var referral = Eligible(clock);
        referral.Book(Coordinator, clock);
        referral.RecordNonCompliance("Late for Workshop 1", Coordinator, clock);
        referral.AllowRebooking("Reasonable excuse", Police, clock);
        referral.Book(Coordinator, clock);
        referral.RecordWorkshop1Attended(Coordinator, clock);
        referral.RecordWorkshop2Attended(Coordinator, clock);

        Assert.Equal(
            [PoliceNoticeType.Booked, PoliceNoticeType.NonCompliant, PoliceNoticeType.Booked, PoliceNoticeType.Completed],
            RaisedNotices.Of(referral).Select(n => n.Type));
        Assert.Equal("Late for Workshop 1", RaisedNotices.Of(referral)[1].Reason);
        referral.ClearDomainEvents();
        Assert.Empty(RaisedNotices.Of(referral));
    }

    [Fact]
    public void A_return_tells_the_police_every_reason()
    {
        var clock = Clock();
        var referral = Screening(clock);
        referral.RecordScreening(EligibleAnswers() with { OnBail = true, EvidenceOfCoerciveOrControllingBehaviour = true }, Hampshire, Coordinator, clock);

        var notice = Assert.Single(RaisedNotices.Of(referral));
        Assert.Equal(PoliceNoticeType.ReturnedIneligible, notice.Type);
        Assert.Contains("bail", notice.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("coercive", notice.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void The_deadline_check_tells_the_police_once_when_at_risk_and_once_when_overdue()
    {
        var clock = Clock();
        var referral = Received(clock);
        Assert.Empty(referral.CheckDeadlines(Hampshire, clock));

        // 16 weeks from the caution; at risk inside minimum gap + 7 days.
        clock.SetUtcNow(new DateTimeOffset(referral.ConditionDeadline.AddDays(-30).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Assert.Equal([PoliceNoticeType.DeadlineAtRisk], referral.CheckDeadlines(Hampshire, clock));
        Assert.Empty(referral.CheckDeadlines(Hampshire, clock));
        Assert.NotNull(referral.BookingTargetMissedAt);

        clock.SetUtcNow(new DateTimeOffset(referral.ConditionDeadline.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Assert.Equal([PoliceNoticeType.Overdue], referral.CheckDeadlines(Hampshire, clock));
        Assert.Empty(referral.CheckDeadlines(Hampshire, clock));
        Assert.Equal(2, RaisedNotices.Of(referral).Count);
    }

    [Fact]
    public void A_booked_referral_close_to_its_deadline_is_not_at_risk_but_is_overdue_once_the_day_passes()
    {
        var clock = Clock();
        var referral = Eligible(clock);
        referral.Book(Coordinator, clock);
        referral.ClearDomainEvents();

        clock.SetUtcNow(new DateTimeOffset(referral.ConditionDeadline.AddDays(-10).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Assert.Empty(referral.CheckDeadlines(Hampshire, clock));
        clock.SetUtcNow(new DateTimeOffset(referral.ConditionDeadline.AddDays(2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        Assert.Equal([PoliceNoticeType.Overdue], referral.CheckDeadlines(Hampshire, clock));
    }

    [Fact]
    public void Details_can_be_corrected_only_before_screening_starts()
    {
        var clock = Clock();
        var referral = Received(clock);
        referral.Correct(referral.Details with { PoliceReference = "44/55555/26" }, Hampshire.Condition, Police, clock);
        Assert.Equal("44/55555/26", referral.PoliceReference);
        Assert.Equal(ReferralAction.Correct, referral.Timeline[^1].Action);

        referral.StartScreening(Coordinator, clock);
        var refused = Assert.Throws<IllegalReferralTransitionException>(
            () => referral.Correct(referral.Details, Hampshire.Condition, Police, clock));
        Assert.Equal(ReferralStatus.Screening, refused.Current);
    }
}

public class ScreeningDecisionTests
{
    [Fact]
    public void An_eligible_decision_must_agree_with_the_rules()
    {
        var clock = Clock();
        var referral = Screening(clock);

        var refused = Assert.Throws<ScreeningContradictionException>(() => referral.DecideScreening(
            EligibleAnswers() with { OnBail = true }, eligible: true, reason: null, Hampshire, Coordinator, clock));
        Assert.Contains(refused.Reasons, r => r.Code == EligibilityRules.Codes.OnBail);
        Assert.Equal(ReferralStatus.Screening, referral.Status);

        referral.DecideScreening(EligibleAnswers(), eligible: true, reason: null, Hampshire, Coordinator, clock);
        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Empty(RaisedNotices.Of(referral));
    }

    [Fact]
    public void An_ineligible_decision_needs_a_reason_and_tells_the_police_it_and_every_failed_rule()
    {
        var clock = Clock();
        var referral = Screening(clock);
        Assert.Throws<ArgumentException>(() => referral.DecideScreening(EligibleAnswers(), eligible: false, reason: " ", Hampshire, Coordinator, clock));

        referral.DecideScreening(EligibleAnswers() with { OnBail = true }, eligible: false, reason: "On police bail", Hampshire, Coordinator, clock);

        Assert.Equal(ReferralStatus.ReturnedIneligible, referral.Status);
        var notice = Assert.Single(RaisedNotices.Of(referral));
        Assert.StartsWith("On police bail (", notice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_before_screening_starts_names_the_state()
    {
        var clock = Clock();
        var referral = Received(clock);
        var refused = Assert.Throws<IllegalReferralTransitionException>(() => referral.DecideScreening(
            EligibleAnswers(), eligible: true, reason: null, Hampshire, Coordinator, clock));
        Assert.Contains("Received", refused.Message, StringComparison.Ordinal);
    }
}
