using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using Microsoft.Extensions.Time.Testing;

namespace CaraPlatform.TestData;

/// <summary>
/// Domain referrals that pass every rule, for tests to vary one thing at a time. The API-level builder is the web
/// tests' <c>ReferralApi</c>.
/// </summary>
public static class ReferralBuilder
{
    /// <summary>A Monday in March: GMT, so UTC and UK dates agree unless a test says otherwise.</summary>
    public static readonly DateTimeOffset ReceivedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The caution three days, the offence ten days, before the referral arrives.</summary>
    public static readonly DateOnly CautionDate = DateOnly.FromDateTime(ReceivedAt.UtcDateTime).AddDays(-3);

    public static readonly DateOnly OffenceDate = CautionDate.AddDays(-7);

    public const string PoliceReference = "44/12345/26";

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

    /// <summary>What Hampshire's police send on <see cref="ReceivedAt"/>.</summary>
    public static ReferralDetails Details() => Details(Hampshire, PoliceReference, Clock());

    /// <summary>
    /// The same referral from <paramref name="tenant"/>'s first force, sent on the day <paramref name="clock"/> shows:
    /// the caution and the offence as many days before it.
    /// </summary>
    public static ReferralDetails Details(TenantDefinition tenant, string reference, TimeProvider clock)
    {
        var daysLater = (clock.GetUtcNow().UtcDateTime.Date - ReceivedAt.UtcDateTime.Date).Days;
        return new(
            reference, tenant.Forces[0].Code, DisposalType.DiversionaryCaution, CautionDate.AddDays(daysLater),
            new ReferringOfficer("PC Jane Hollis", "HC1234", "jane.hollis@hampshire.police.example", null),
            Offence() with { Date = OffenceDate.AddDays(daysLater) }, Offender(), EligibleAnswers());
    }

    public static Referral Received(TimeProvider clock, TenantDefinition? tenant = null) =>
        Referral.Receive(Details(), (tenant ?? Hampshire).Condition, Police, clock);

    /// <summary>A referral <see cref="Received"/> whose screening the coordinator has started.</summary>
    public static Referral Screening(TimeProvider clock)
    {
        var referral = Received(clock);
        referral.StartScreening(Coordinator, clock);
        return referral;
    }

    /// <summary>A referral in <see cref="Screening"/> found eligible, ready to book.</summary>
    public static Referral Eligible(TimeProvider clock)
    {
        var referral = Screening(clock);
        referral.RecordScreening(EligibleAnswers(), Hampshire, Coordinator, clock);
        return referral;
    }
}
