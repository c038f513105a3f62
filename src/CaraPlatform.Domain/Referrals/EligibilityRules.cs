using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>One failing eligibility rule: a stable code for the API and reports, and text for people.</summary>
public sealed record IneligibilityReason(string Code, string Text);

/// <summary>Eligible, or ineligible with every failing rule (never just the first, so police can fix all at once).</summary>
public sealed record EligibilityResult(IReadOnlyList<IneligibilityReason> Reasons)
{
    public bool IsEligible => Reasons.Count == 0;
}

/// <summary>The national offence types; tenants add to them with <see cref="TenantDefinition.ExtraOffenceTypes"/>.</summary>
public static class NationalOffenceTypes
{
    public const string CommonAssault = "common-assault";
    public const string CriminalDamage = "criminal-damage";
    public const string Harassment = "harassment";
    public const string ThreateningBehaviour = "threatening-behaviour";
    public const string DomesticTheft = "domestic-theft";

    public static readonly IReadOnlyList<CodedItem> All =
    [
        new(CommonAssault, "Common assault or battery"),
        new(CriminalDamage, "Criminal damage"),
        new(Harassment, "Harassment"),
        new(ThreateningBehaviour, "Threatening behaviour"),
        new(DomesticTheft, "Domestic theft-related offence"),
    ];
}

/// <summary>The eligibility rules of DESIGN §1, as one pure function.</summary>
public static class EligibilityRules
{
    public const int MinimumAge = 18;

    /// <summary>A conviction or caution for violence within this many years before the offence rules CARA out.</summary>
    public const int ViolenceLookbackYears = 2;

    public static class Codes
    {
        public const string UnderAge = "under-18";
        public const string OffenceTypeNotListed = "offence-type-not-listed";
        public const string NoCohort = "no-cohort";
        public const string RecentViolence = "recent-violence";
        public const string OnBail = "on-bail";
        public const string CourtOrderOrCommunitySentence = "court-order-or-community-sentence";
        public const string CoerciveControl = "coercive-control";
        public const string HighRiskMarac = "dash-high-marac";
        public const string RiskLevelNotAccepted = "dash-level-not-accepted";
        public const string VictimViewsNotRecorded = "victim-views-not-recorded";
        public const string RiskToVictim = "risk-to-victim";
        public const string ScreeningQuestionUnanswered = "screening-question-unanswered";
    }

    public static EligibilityResult Evaluate(Offender offender, Offence offence, ScreeningAnswers answers, TenantDefinition tenant)
    {
        ArgumentNullException.ThrowIfNull(offender);
        ArgumentNullException.ThrowIfNull(offence);
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(tenant);
        return new EligibilityResult(Failures(offender, offence, answers, tenant).ToList());
    }

    private static IEnumerable<IneligibilityReason> Failures(Offender offender, Offence offence, ScreeningAnswers answers, TenantDefinition tenant)
    {
        // 18 on the offence date counts: the birthday is the first day of being 18.
        if (offence.Date < offender.Birthday(MinimumAge))
            yield return new(Codes.UnderAge, $"The offender was under {MinimumAge} on the offence date {offence.Date:yyyy-MM-dd}.");

        var listed = NationalOffenceTypes.All.Concat(tenant.ExtraOffenceTypes)
            .Any(t => string.Equals(t.Code, offence.TypeCode, StringComparison.Ordinal));
        if (!listed)
            yield return new(Codes.OffenceTypeNotListed, $"The offence type '{offence.TypeCode}' is not on the national list or this service's list.");

        // Groups are single-sex and split IPV / non-IPV: with no group to join, the condition cannot be met.
        var cohort = Cohorts.For(offender.Sex, offence.IsIpv);
        if (cohort is null || !tenant.Cohorts.Contains(cohort.Value))
        {
            var kind = offence.IsIpv ? "intimate-partner" : "family (non-IPV)";
            yield return new(Codes.NoCohort, $"This service runs no {offender.Sex.ToString().ToLowerInvariant()} {kind} group.");
        }

        // The two years run back from the offence date and include the day exactly two years before.
        if (answers.LastViolenceConvictionOrCautionDate is { } last
            && last <= offence.Date && last >= offence.Date.AddYears(-ViolenceLookbackYears))
            yield return new(Codes.RecentViolence,
                $"A domestic-abuse conviction or caution for violence on {last:yyyy-MM-dd} is within {ViolenceLookbackYears} years before the offence.");

        if (answers.OnBail)
            yield return new(Codes.OnBail, "The offender is on court or police bail.");

        if (answers.SubjectToCourtOrderOrCommunitySentence)
            yield return new(Codes.CourtOrderOrCommunitySentence, "The offender is subject to a court order or community sentence.");

        if (answers.EvidenceOfCoerciveOrControllingBehaviour)
            yield return new(Codes.CoerciveControl, "There is evidence of coercive or controlling behaviour.");

        var level = answers.Dash.EffectiveLevel;
        if (level == DashRisk.High)
            yield return new(Codes.HighRiskMarac, "The DASH risk is High: never eligible for CARA; make a MARAC referral.");
        else if (!tenant.DashRiskLevelsAccepted.Contains(ToTenantLevel(level)))
            yield return new(Codes.RiskLevelNotAccepted, $"This service does not accept DASH risk level {level}.");

        if (!answers.VictimViewsRecorded)
            yield return new(Codes.VictimViewsNotRecorded, "The victim's views have not been recorded.");

        if (answers.SpecificRiskToVictimFromCaution)
            yield return new(Codes.RiskToVictim, "The caution would put the victim at a specific risk.");

        // The tenant file says nothing about which answer qualifies (its questions run both ways), so an answer
        // informs the screener's judgement; what the rules insist on is that every question is answered.
        foreach (var question in tenant.ScreeningQuestions)
        {
            if (!answers.TenantAnswers.ContainsKey(question.Code))
                yield return new(Codes.ScreeningQuestionUnanswered, $"Screening question '{question.Code}' is unanswered: {question.Text}");
        }
    }

    private static DashRiskLevel ToTenantLevel(DashRisk level) => level switch
    {
        DashRisk.Standard => DashRiskLevel.Standard,
        DashRisk.Medium => DashRiskLevel.Medium,
        _ => throw new ArgumentOutOfRangeException(nameof(level), level, "High is never a level a tenant accepts."),
    };
}
