using CaraPlatform.Domain.VictimContact;

namespace CaraPlatform.Domain.Tests.VictimContact;

public sealed class VictimCaseTests
{
    private static readonly ReferralActor Worker = new(Guid.NewGuid(), "Val Worker");
    private static readonly ReferralProgress Booked = new(ReferralStatus.Booked, false, false, "HAM");
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.Zero));

    private VictimCase Case() => VictimCase.Open(Guid.NewGuid(), clock);

    private VictimCaseEntry Check() => VictimCaseEntry.SafeContactCheck(Worker, clock.GetUtcNow(), SafeContactMethod.Phone, personWhoCausedHarmPresent: false);

    private VictimCaseEntry Contact() => VictimCaseEntry.ContactAttempt(Worker, clock.GetUtcNow(), SafeContactMethod.Phone, ContactOutcome.Spoke);

    [Fact]
    public void A_case_opens_with_the_referral_unassigned_and_empty()
    {
        var opened = Case();
        Assert.True(opened.IsOpen);
        Assert.Null(opened.WorkerId);
        Assert.Empty(opened.Entries);
        Assert.Equal(clock.GetUtcNow(), opened.OpenedAt);
    }

    [Fact]
    public void A_contact_attempt_without_a_safe_contact_check_is_refused()
    {
        var victimCase = Case();
        Assert.Throws<SafeContactCheckRequiredException>(() => victimCase.Record(Contact(), Booked));
    }

    [Fact]
    public void Each_contact_attempt_needs_its_own_fresh_check()
    {
        var victimCase = Case();
        victimCase.Record(Check(), Booked);
        victimCase.Record(Contact(), Booked);
        victimCase.Record(VictimCaseEntry.Needs(Worker, clock.GetUtcNow()), Booked);

        Assert.False(victimCase.HasFreshSafeContactCheck);
        Assert.Throws<SafeContactCheckRequiredException>(() => victimCase.Record(Contact(), Booked));
        victimCase.Record(Check(), Booked);
        victimCase.Record(Contact(), Booked);
        Assert.Equal(5, victimCase.Entries.Count);
        Assert.All(victimCase.Entries, e => Assert.Equal(victimCase.Id, e.CaseId));
    }

    [Theory]
    [InlineData(WorkshopNumber.Workshop1, false, false, false)]
    [InlineData(WorkshopNumber.Workshop1, true, false, true)]
    [InlineData(WorkshopNumber.Workshop2, true, false, false)]
    [InlineData(WorkshopNumber.Workshop2, true, true, true)]
    public void A_reported_change_is_recorded_only_after_its_workshop(WorkshopNumber workshop, bool attended1, bool attended2, bool allowed)
    {
        var victimCase = Case();
        var change = VictimCaseEntry.ReportedChange(Worker, clock.GetUtcNow(), workshop, ReportedChange.Improved);
        var progress = new ReferralProgress(ReferralStatus.AttendedWorkshop1, attended1, attended2, "HAM");

        if (allowed)
            victimCase.Record(change, progress);
        else
            Assert.Equal("workshop", Assert.Throws<VictimCaseRuleException>(() => victimCase.Record(change, progress)).Field);
    }

    [Fact]
    public void The_change_after_a_workshop_is_recorded_once()
    {
        var victimCase = Case();
        var progress = new ReferralProgress(ReferralStatus.AttendedWorkshop1, true, false, "HAM");
        victimCase.Record(VictimCaseEntry.ReportedChange(Worker, clock.GetUtcNow(), WorkshopNumber.Workshop1, ReportedChange.Improved), progress);
        Assert.Throws<VictimCaseRuleException>(() =>
            victimCase.Record(VictimCaseEntry.ReportedChange(Worker, clock.GetUtcNow(), WorkshopNumber.Workshop1, ReportedChange.Worse), progress));
    }

    [Theory]
    [MemberData(nameof(Statuses))]
    public void A_case_closes_only_once_the_referral_is_over(ReferralStatus status)
    {
        var victimCase = Case();
        var closure = VictimCaseEntry.Closure(Worker, clock.GetUtcNow());
        var progress = new ReferralProgress(status, false, false, "HAM");

        if (ReferralLifecycle.Terminal.Contains(status))
        {
            victimCase.Close(closure, progress);
            Assert.False(victimCase.IsOpen);
            Assert.Equal(clock.GetUtcNow(), victimCase.ClosedAt);
        }
        else
        {
            Assert.Equal("referral", Assert.Throws<VictimCaseRuleException>(() => victimCase.Close(closure, progress)).Field);
            Assert.True(victimCase.IsOpen);
        }
    }

    public static TheoryData<ReferralStatus> Statuses() => [.. Enum.GetValues<ReferralStatus>()];

    [Fact]
    public void A_closed_case_takes_no_more_entries_and_no_worker()
    {
        var victimCase = Case();
        victimCase.Close(VictimCaseEntry.Closure(Worker, clock.GetUtcNow()), new ReferralProgress(ReferralStatus.Completed, true, true, "HAM"));

        Assert.Throws<VictimCaseRuleException>(() => victimCase.Record(Check(), Booked));
        Assert.Throws<VictimCaseRuleException>(() => victimCase.Assign(Worker.Id, []));
    }

    [Fact]
    public void A_facilitator_of_the_participant_cannot_hold_the_case()
    {
        var victimCase = Case();
        var facilitator = Guid.NewGuid();

        Assert.Equal("workerId", Assert.Throws<VictimCaseRuleException>(() => victimCase.Assign(facilitator, [facilitator, Guid.NewGuid()])).Field);
        victimCase.Assign(Worker.Id, [facilitator]);
        Assert.Equal(Worker.Id, victimCase.WorkerId);
    }

    [Fact]
    public void A_risk_review_keeps_the_dash_reassessment()
    {
        var review = VictimCaseEntry.RiskReview(Worker, clock.GetUtcNow(), new DashAssessment(9, DashRisk.Standard, DashRisk.Medium, "Escalating threats"));
        Assert.Equal((9, DashRisk.Standard, DashRisk.Medium), (review.DashScore!.Value, review.DashLevel!.Value, review.DashJudgementLevel!.Value));
    }
}
