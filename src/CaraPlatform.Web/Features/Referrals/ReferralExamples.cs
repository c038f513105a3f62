using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.VictimContact;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>Examples for integrators, in the OpenAPI document: a Hampshire referral as a police system would send it.</summary>
internal sealed class ReferralExamples : IOpenApiExamples
{
    private static readonly ScreeningAnswersDto Answers = new(
        null, false, false, false, new DashDto(4, DashRisk.Standard, null, null), true, false,
        new Dictionary<string, bool> { ["alcohol-drug-dependency"] = false, ["island-travel"] = true });

    public IReadOnlyDictionary<Type, object> Examples { get; } = new Dictionary<Type, object>
    {
        [typeof(CreateReferralRequest)] = new CreateReferralRequest(
            "44/12345/26", "hampshire-and-isle-of-wight", DisposalType.DiversionaryCaution, new DateOnly(2026, 11, 20),
            new OfficerDto("PC Jane Hollis", "HC1234", "jane.hollis@hampshire.police.example", "01632 960000"),
            new OffenceDto(NationalOffenceTypes.CommonAssault, new DateOnly(2026, 11, 14), OffenceRelationship.CurrentPartner),
            new OffenderDto("Daniel", "Marsh", new DateOnly(1990, 5, 14), Sex.Male, "2 High Street", null, "Southampton", "SO14 5GL",
                "07700 900456", "daniel.marsh@example.org", "en", false, null, true),
            Answers,
            new VictimDto("Alex", "Marsh", OffenceRelationship.CurrentPartner, SafeContactMethod.Phone, "07700 900123", null, null,
                "Weekdays 10:00-12:00", true, "Do not leave voicemail.")),
        [typeof(ScreeningDecisionRequest)] = new ScreeningDecisionRequest(Answers, ScreeningDecision.Eligible, null, 1234),
        [typeof(PoliceDecisionRequest)] = new PoliceDecisionRequest(
            PoliceDecision.AllowRebooking, "Reasonable excuse accepted: hospital appointment", null, 1234),
        [typeof(ReasonRequest)] = new ReasonRequest("Offender not contactable after three calls and a letter", 1234),
        [typeof(VersionRequest)] = new VersionRequest(1234),
    };
}
