namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// What the police assert and the provider checks when a referral is screened. Facts about the victim appear
/// only as yes/no answers (views recorded, a specific risk): the victim's details live in the victim record.
/// </summary>
public sealed record ScreeningAnswers
{
    /// <summary>The most recent domestic-abuse conviction or caution for violence, if any.</summary>
    public DateOnly? LastViolenceConvictionOrCautionDate { get; init; }

    /// <summary>On court or police bail.</summary>
    public required bool OnBail { get; init; }

    public required bool SubjectToCourtOrderOrCommunitySentence { get; init; }

    public required bool EvidenceOfCoerciveOrControllingBehaviour { get; init; }

    public required DashAssessment Dash { get; init; }

    public required bool VictimViewsRecorded { get; init; }

    /// <summary>Whether cautioning (rather than charging) puts the victim at a specific risk.</summary>
    public required bool SpecificRiskToVictimFromCaution { get; init; }

    /// <summary>Yes/no answers to the tenant's own screening questions, by question code.</summary>
    public IReadOnlyDictionary<string, bool> TenantAnswers { get; init; } = new Dictionary<string, bool>();
}
