using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Tests.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace CaraPlatform.Domain.Tests.Referrals;

/// <summary>A referral that passes every rule, on a fake clock, for tests to vary one thing at a time.</summary>
public static class ReferralTestData
{
    /// <summary>A Monday in March: GMT, so UTC and UK dates agree unless a test says otherwise.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly CautionDate = new(2026, 2, 27);

    public static readonly DateOnly OffenceDate = new(2026, 2, 20);

    public static readonly ReferralActor Police = new(Guid.Parse("00000000-0000-0000-0000-0000000000a1"), "PC Jane Hollis");

    public static readonly ReferralActor Coordinator = new(Guid.Parse("00000000-0000-0000-0000-0000000000c1"), "Sam Coordinator");

    public static readonly TenantDefinition Hampshire = TenantDefinitionBuilder.Hampshire();

    public static FakeTimeProvider Clock() => new(ReceivedAt);

    public static Offender Offender() => new("Daniel", "Marsh", new DateOnly(1990, 5, 14), Sex.Male, "en");

    public static Offence Offence() => new(NationalOffenceTypes.CommonAssault, OffenceDate, OffenceRelationship.CurrentPartner);

    public static ScreeningAnswers EligibleAnswers() => new()
    {
        LastViolenceConvictionOrCautionDate = null,
        OnBail = false,
        SubjectToCourtOrderOrCommunitySentence = false,
        EvidenceOfCoerciveOrControllingBehaviour = false,
        Dash = new DashAssessment(3, DashRisk.Standard),
        VictimViewsRecorded = true,
        SpecificRiskToVictimFromCaution = false,
        TenantAnswers = new Dictionary<string, bool> { ["alcohol-drug-dependency"] = false, ["island-travel"] = true },
    };

    public static ReferralDetails Details() => new(
        "44/12345/26", "hampshire", DisposalType.DiversionaryCaution, CautionDate,
        new ReferringOfficer("PC Jane Hollis", "HC1234", "jane.hollis@hampshire.police.example", null),
        Offence(), Offender(), EligibleAnswers());

    public static Referral Received(TimeProvider clock, TenantDefinition? tenant = null) =>
        Referral.Receive(Details(), (tenant ?? Hampshire).Condition, Police, clock);
}
