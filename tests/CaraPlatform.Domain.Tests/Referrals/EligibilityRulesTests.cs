using static CaraPlatform.Domain.Referrals.EligibilityRules;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

public sealed class EligibilityRulesTests
{
    private static EligibilityResult Evaluate(
        Offender? offender = null, Offence? offence = null, ScreeningAnswers? answers = null, TenantDefinition? tenant = null) =>
        EligibilityRules.Evaluate(offender ?? Offender(), offence ?? Offence(), answers ?? EligibleAnswers(), tenant ?? Hampshire);

    private static IneligibilityReason AssertOnlyReason(EligibilityResult result, string code)
    {
        Assert.False(result.IsEligible);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal(code, reason.Code);
        Assert.False(string.IsNullOrWhiteSpace(reason.Text));
        return reason;
    }

    [Fact]
    public void The_baseline_referral_is_eligible()
    {
        var result = Evaluate();
        Assert.True(result.IsEligible);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Eighteen_on_the_offence_date_is_old_enough() =>
        Assert.True(Evaluate(Offender() with { DateOfBirth = OffenceDate.AddYears(-18) }).IsEligible);

    [Fact]
    public void Eighteen_the_day_after_the_offence_is_too_young() =>
        AssertOnlyReason(Evaluate(Offender() with { DateOfBirth = OffenceDate.AddYears(-18).AddDays(1) }), Codes.UnderAge);

    [Fact]
    public void Born_on_29_February_comes_of_age_on_1_March_in_a_non_leap_year()
    {
        var offender = Offender() with { DateOfBirth = new DateOnly(2008, 2, 29) };
        AssertOnlyReason(Evaluate(offender, Offence() with { Date = new DateOnly(2026, 2, 28) }), Codes.UnderAge);
        Assert.True(Evaluate(offender, Offence() with { Date = new DateOnly(2026, 3, 1) }).IsEligible);
    }

    [Theory]
    [InlineData(NationalOffenceTypes.CommonAssault)]
    [InlineData(NationalOffenceTypes.CriminalDamage)]
    [InlineData(NationalOffenceTypes.Harassment)]
    [InlineData(NationalOffenceTypes.ThreateningBehaviour)]
    [InlineData(NationalOffenceTypes.DomesticTheft)]
    [InlineData("malicious-communications")] // Hampshire's own extra type
    public void Listed_offence_types_are_eligible(string typeCode) =>
        Assert.True(Evaluate(offence: Offence() with { TypeCode = typeCode }).IsEligible);

    [Fact]
    public void An_unlisted_offence_type_is_not()
    {
        var reason = AssertOnlyReason(Evaluate(offence: Offence() with { TypeCode = "stalking" }), Codes.OffenceTypeNotListed);
        Assert.Contains("stalking", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_tenants_extra_offence_type_is_not_listed_here() =>
        AssertOnlyReason(
            Evaluate(offence: Offence() with { TypeCode = "malicious-communications" }, tenant: Hampshire with { ExtraOffenceTypes = [] }),
            Codes.OffenceTypeNotListed);

    [Theory]
    [InlineData(Sex.Male, OffenceRelationship.CurrentPartner)]
    [InlineData(Sex.Female, OffenceRelationship.FormerPartner)]
    [InlineData(Sex.Male, OffenceRelationship.Parent)]
    public void Ipv_and_non_ipv_offences_are_eligible_where_a_group_runs(Sex sex, OffenceRelationship relationship) =>
        Assert.True(Evaluate(Offender() with { Sex = sex }, Offence() with { Relationship = relationship }).IsEligible);

    [Fact]
    public void A_woman_with_a_family_offence_has_no_group_to_join() =>
        AssertOnlyReason(
            Evaluate(Offender() with { Sex = Sex.Female }, Offence() with { Relationship = OffenceRelationship.Sibling }), Codes.NoCohort);

    [Fact]
    public void A_tenant_that_runs_no_female_group_cannot_take_a_woman() =>
        AssertOnlyReason(
            Evaluate(Offender() with { Sex = Sex.Female }, tenant: Hampshire with { Cohorts = [Cohort.IpvMale, Cohort.NonIpvMale] }),
            Codes.NoCohort);

    [Fact]
    public void Violence_exactly_two_years_before_the_offence_counts() =>
        AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { LastViolenceConvictionOrCautionDate = OffenceDate.AddYears(-2) }),
            Codes.RecentViolence);

    [Fact]
    public void Violence_two_years_and_a_day_before_the_offence_does_not() =>
        Assert.True(Evaluate(answers: EligibleAnswers() with { LastViolenceConvictionOrCautionDate = OffenceDate.AddYears(-2).AddDays(-1) })
            .IsEligible);

    [Fact]
    public void Violence_the_day_before_the_offence_counts() =>
        AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { LastViolenceConvictionOrCautionDate = OffenceDate.AddDays(-1) }),
            Codes.RecentViolence);

    [Fact]
    public void Bail_rules_out() =>
        AssertOnlyReason(Evaluate(answers: EligibleAnswers() with { OnBail = true }), Codes.OnBail);

    [Fact]
    public void A_court_order_or_community_sentence_rules_out() =>
        AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { SubjectToCourtOrderOrCommunitySentence = true }), Codes.CourtOrderOrCommunitySentence);

    [Fact]
    public void Coercive_or_controlling_behaviour_rules_out() =>
        AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { EvidenceOfCoerciveOrControllingBehaviour = true }), Codes.CoerciveControl);

    [Fact]
    public void High_risk_is_never_eligible_and_says_to_refer_to_marac()
    {
        var reason = AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { Dash = new DashAssessment(16, DashRisk.High) }), Codes.HighRiskMarac);
        Assert.Contains("MARAC", reason.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Medium_risk_is_eligible_where_the_tenant_accepts_it() =>
        Assert.True(Evaluate(answers: EligibleAnswers() with { Dash = new DashAssessment(8, DashRisk.Medium) }).IsEligible);

    [Fact]
    public void Medium_risk_is_not_eligible_where_the_tenant_accepts_only_standard() =>
        AssertOnlyReason(
            Evaluate(
                answers: EligibleAnswers() with { Dash = new DashAssessment(8, DashRisk.Medium) },
                tenant: Hampshire with { DashRiskLevelsAccepted = [DashRiskLevel.Standard] }),
            Codes.RiskLevelNotAccepted);

    [Fact]
    public void Judgement_raising_standard_to_medium_is_judged_at_medium()
    {
        var dash = new DashAssessment(3, DashRisk.Standard, DashRisk.Medium, "Escalating threats reported by the officer");
        Assert.Equal(DashRisk.Medium, dash.EffectiveLevel);
        AssertOnlyReason(
            Evaluate(answers: EligibleAnswers() with { Dash = dash }, tenant: Hampshire with { DashRiskLevelsAccepted = [DashRiskLevel.Standard] }),
            Codes.RiskLevelNotAccepted);
    }

    [Fact]
    public void Judgement_raising_to_high_rules_out_with_marac()
    {
        var dash = new DashAssessment(5, DashRisk.Medium, DashRisk.High, "Strangulation disclosed");
        Assert.Equal(5, dash.Score);
        Assert.Equal(DashRisk.Medium, dash.AssessedLevel);
        AssertOnlyReason(Evaluate(answers: EligibleAnswers() with { Dash = dash }), Codes.HighRiskMarac);
    }

    [Theory]
    [InlineData(DashRisk.High, DashRisk.Medium)]
    [InlineData(DashRisk.High, DashRisk.Standard)]
    [InlineData(DashRisk.Medium, DashRisk.Standard)]
    public void Judgement_can_never_lower_the_level(DashRisk assessed, DashRisk judged)
    {
        var error = Assert.Throws<ReferralRuleException>(() => new DashAssessment(10, assessed, judged, "Officer knows the family"));
        Assert.Contains("never lower", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Judgement_needs_a_reason() =>
        Assert.Throws<ArgumentException>(() => new DashAssessment(3, DashRisk.Standard, DashRisk.Medium, " "));

    [Fact]
    public void A_dash_score_cannot_be_negative() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DashAssessment(-1, DashRisk.Standard));

    [Fact]
    public void Victim_views_must_be_recorded() =>
        AssertOnlyReason(Evaluate(answers: EligibleAnswers() with { VictimViewsRecorded = false }), Codes.VictimViewsNotRecorded);

    [Fact]
    public void A_specific_risk_to_the_victim_from_the_caution_rules_out() =>
        AssertOnlyReason(Evaluate(answers: EligibleAnswers() with { SpecificRiskToVictimFromCaution = true }), Codes.RiskToVictim);

    [Fact]
    public void Each_unanswered_tenant_question_is_reported()
    {
        var result = Evaluate(answers: EligibleAnswers() with { TenantAnswers = new Dictionary<string, bool>() });

        Assert.Equal([Codes.ScreeningQuestionUnanswered, Codes.ScreeningQuestionUnanswered], result.Reasons.Select(r => r.Code));
        Assert.Contains("alcohol-drug-dependency", result.Reasons[0].Text, StringComparison.Ordinal);
        Assert.Contains("island-travel", result.Reasons[1].Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Tenant_questions_answered_either_way_count_as_answered(bool first, bool second) =>
        Assert.True(Evaluate(answers: EligibleAnswers() with
        {
            TenantAnswers = new Dictionary<string, bool> { ["alcohol-drug-dependency"] = first, ["island-travel"] = second },
        }).IsEligible);

    [Fact]
    public void Every_failing_rule_is_reported_together_not_just_the_first()
    {
        var result = Evaluate(
            Offender() with { DateOfBirth = OffenceDate.AddYears(-17) },
            Offence() with { TypeCode = "stalking" },
            new ScreeningAnswers
            {
                LastViolenceConvictionOrCautionDate = OffenceDate.AddMonths(-6),
                OnBail = true,
                SubjectToCourtOrderOrCommunitySentence = true,
                EvidenceOfCoerciveOrControllingBehaviour = true,
                Dash = new DashAssessment(15, DashRisk.High),
                VictimViewsRecorded = false,
                SpecificRiskToVictimFromCaution = true,
                TenantAnswers = new Dictionary<string, bool> { ["island-travel"] = true },
            });

        Assert.Equal(
            [
                Codes.UnderAge, Codes.OffenceTypeNotListed, Codes.RecentViolence, Codes.OnBail, Codes.CourtOrderOrCommunitySentence,
                Codes.CoerciveControl, Codes.HighRiskMarac, Codes.VictimViewsNotRecorded, Codes.RiskToVictim,
                Codes.ScreeningQuestionUnanswered,
            ],
            result.Reasons.Select(r => r.Code));
    }
}
