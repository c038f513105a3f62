using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Domain.Tests.Retention;

/// <summary>The retention schedule's dates, its rules in the tenant file, and what a closed case is.</summary>
public sealed class RetentionScheduleTests
{
    private static readonly DateOnly ClosedOn = new(2026, 3, 31);

    [Fact]
    public void A_tenant_file_without_a_schedule_reviews_at_2_years_and_anonymises_at_6()
    {
        var schedule = TenantDefinitionBuilder.Hampshire().Retention;
        Assert.Equal(RetentionSchedule.Default, schedule);
        Assert.Equal((24, 72, RetentionAction.Anonymise), (schedule.ReviewClosedCasesAfterMonths, schedule.EraseClosedCasesAfterMonths, schedule.Action));
    }

    [Fact]
    public void Due_dates_count_calendar_months_from_the_day_the_case_closed()
    {
        var schedule = new RetentionSchedule(24, 72);
        Assert.Equal(new DateOnly(2028, 3, 31), schedule.ReviewDueOn(ClosedOn));
        Assert.Equal(new DateOnly(2032, 3, 31), schedule.EraseDueOn(ClosedOn));
        // A month without the 31st ends the month.
        Assert.Equal(new DateOnly(2032, 4, 30), schedule.EraseDueOn(ClosedOn, keptMonths: 1));
    }

    [Fact]
    public void A_case_kept_by_review_is_due_later_and_the_rule_says_so()
    {
        var schedule = new RetentionSchedule(24, 72);
        var review = new RetentionReview { ReferralId = Guid.NewGuid(), ClosedOn = ClosedOn, ListedAt = DateTimeOffset.UnixEpoch };
        var due = schedule.EraseDueOn(ClosedOn);
        Assert.True(review.IsDueForErasure(schedule, due));
        Assert.False(review.IsDueForErasure(schedule, due.AddDays(-1)));

        review.Keep(12, "  Complaint open with the ombudsman ", Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        Assert.Equal((RetentionDecision.Keep, "Complaint open with the ombudsman", 12), (review.Decision, review.Reason, review.KeptMonths));
        Assert.False(review.IsDueForErasure(schedule, due));
        Assert.True(review.IsDueForErasure(schedule, due.AddMonths(12)));
        Assert.Equal("Anonymise 72 months after closure, kept 12 more", schedule.Rule(review.KeptMonths));

        // Agreeing later does not take back the months kept.
        review.AgreeToErase(Guid.NewGuid(), DateTimeOffset.UnixEpoch);
        Assert.Equal((RetentionDecision.Erase, null, 12), (review.Decision, review.Reason, review.KeptMonths));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(RetentionReview.MaxKeepMonths + 1)]
    public void A_case_is_kept_for_1_to_60_months_at_a_time(int months)
    {
        var review = new RetentionReview { ReferralId = Guid.NewGuid(), ClosedOn = ClosedOn, ListedAt = DateTimeOffset.UnixEpoch };
        Assert.Throws<ArgumentOutOfRangeException>(() => review.Keep(months, "reason", Guid.NewGuid(), DateTimeOffset.UnixEpoch));
        Assert.Throws<ArgumentException>(() => review.Keep(6, " ", Guid.NewGuid(), DateTimeOffset.UnixEpoch));
    }

    [Theory]
    [InlineData(24, 72, null)]
    [InlineData(24, 24, null)]
    [InlineData(25, 24, "$.retention.eraseClosedCasesAfterMonths")]
    [InlineData(0, 72, "$.retention.reviewClosedCasesAfterMonths")]
    [InlineData(24, 241, "$.retention.eraseClosedCasesAfterMonths")]
    public void The_tenant_file_erases_no_earlier_than_it_reviews_within_bounds(int review, int erase, string? errorPath)
    {
        var tenant = TenantDefinitionBuilder.Hampshire() with { Retention = new RetentionSchedule(review, erase, RetentionAction.Delete) };
        var errors = tenant.RuleErrors().Select(e => e.Path).ToList();
        if (errorPath is null) Assert.Empty(errors);
        else Assert.Equal([errorPath], errors);
    }

    [Fact]
    public void A_referral_is_closed_on_its_last_move_into_a_terminal_state_and_open_before()
    {
        var clock = ReferralBuilder.Clock();
        var referral = ReferralBuilder.Screening(clock);
        Assert.Null(referral.ClosedAt);
        clock.Advance(TimeSpan.FromDays(3));
        referral.ReturnIneligible("Coercive control disclosed", ReferralBuilder.Coordinator, clock);
        Assert.Equal(clock.GetUtcNow(), referral.ClosedAt);
    }

    [Fact]
    public void Anonymising_clears_every_personal_value_and_keeps_what_the_counts_need()
    {
        var clock = ReferralBuilder.Clock();
        var referral = ReferralBuilder.Screening(clock);
        referral.ReturnIneligible("Disclosed at interview: Daniel Marsh lives at 2 High Street", ReferralBuilder.Coordinator, clock);
        var counted = CaseCountKey.Of(referral);

        referral.Anonymise();

        var offender = referral.Offender;
        Assert.Equal((Offender.Erased, Offender.Erased, new DateOnly(1990, 1, 1)), (offender.GivenName, offender.FamilyName, offender.DateOfBirth));
        Assert.All(new[] { offender.AddressLine1, offender.AddressLine2, offender.Town, offender.Postcode, offender.Phone, offender.Email, offender.AccessibilityNeeds },
            Assert.Null);
        Assert.Equal(ReferringOfficer.Erased, referral.Officer);
        Assert.Equal($"erased-{referral.Id:N}", referral.PoliceReference);
        Assert.All(referral.Timeline, t => Assert.Null(t.Reason));
        Assert.Equal(counted, CaseCountKey.Of(referral));
        Assert.Equal(ReferralStatus.ReturnedIneligible, referral.Status);
    }

    [Fact]
    public void An_open_referral_is_never_anonymised()
    {
        var referral = ReferralBuilder.Eligible(ReferralBuilder.Clock());
        Assert.Throws<ReferralRuleException>(referral.Anonymise);
        Assert.Equal("Daniel", referral.Offender.GivenName);
    }

    [Theory]
    [InlineData(OffenceRelationship.CurrentPartner, Sex.Male, true, Cohort.IpvMale)]
    [InlineData(OffenceRelationship.FormerPartner, Sex.Female, true, Cohort.IpvFemale)]
    [InlineData(OffenceRelationship.Parent, Sex.Male, false, Cohort.NonIpvMale)]
    [InlineData(OffenceRelationship.Sibling, Sex.Female, false, null)]
    public void A_referral_counts_by_uk_month_received_status_ipv_and_cohort(OffenceRelationship relationship, Sex sex, bool ipv, Cohort? cohort)
    {
        // 23:30 UTC on 31 May is already June in the UK (BST).
        var key = CaseCountKey.Of(new DateTimeOffset(2026, 5, 31, 23, 30, 0, TimeSpan.Zero), ReferralStatus.Completed, relationship, sex);
        Assert.Equal(new CaseCountKey(new DateOnly(2026, 6, 1), ReferralStatus.Completed, ipv, cohort), key);
    }
}
