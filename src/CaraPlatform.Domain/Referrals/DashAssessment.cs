namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// A DASH risk level as assessed. Separate from the tenant's <see cref="Tenants.DashRiskLevel"/>, which lists
/// only what a tenant may accept and so has no High.
/// </summary>
public enum DashRisk { Standard, Medium, High }

/// <summary>
/// The DASH score and level, and any professional-judgement override. Judgement may raise the level, never lower
/// it: a lowered level could let a risky case through, so it is refused when the assessment is recorded.
/// </summary>
public sealed record DashAssessment
{
    public DashAssessment(int score, DashRisk assessedLevel, DashRisk? judgementLevel = null, string? judgementReason = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(score);
        if (judgementLevel is { } judged)
        {
            if (judged < assessedLevel)
                throw new ReferralRuleException(
                    $"Professional judgement may raise the DASH level, never lower it ({assessedLevel} to {judged}).");
            if (string.IsNullOrWhiteSpace(judgementReason))
                throw new ArgumentException("A professional-judgement override needs its reason.", nameof(judgementReason));
        }

        Score = score;
        AssessedLevel = assessedLevel;
        JudgementLevel = judgementLevel;
        JudgementReason = judgementLevel is null ? null : judgementReason!.Trim();
    }

    public int Score { get; }

    public DashRisk AssessedLevel { get; }

    public DashRisk? JudgementLevel { get; }

    public string? JudgementReason { get; }

    /// <summary>The level eligibility is judged on.</summary>
    public DashRisk EffectiveLevel => JudgementLevel ?? AssessedLevel;
}
