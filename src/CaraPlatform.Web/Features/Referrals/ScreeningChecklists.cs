using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>The checklist a coordinator screens against: DESIGN.md §1's rules, then the tenant's own questions.</summary>
public static class ScreeningChecklists
{
    private static readonly ChecklistItem[] National =
    [
        new(EligibilityRules.Codes.UnderAge, "The offender is 18 or over."),
        new(EligibilityRules.Codes.OffenceTypeNotListed, "The offence is of a listed type."),
        new(EligibilityRules.Codes.NoCohort, "The tenant runs a group for the offender's sex and offence (IPV or family)."),
        new(EligibilityRules.Codes.RecentViolence, "No conviction or caution for violence in the 2 years before the offence."),
        new(EligibilityRules.Codes.OnBail, "Not on court or police bail."),
        new(EligibilityRules.Codes.CourtOrderOrCommunitySentence, "Not subject to a court order or community sentence."),
        new(EligibilityRules.Codes.CoerciveControl, "No evidence of coercive or controlling behaviour."),
        new(EligibilityRules.Codes.HighRiskMarac, "DASH risk is not high (high risk goes to MARAC)."),
        new(EligibilityRules.Codes.RiskLevelNotAccepted, "DASH risk is a level the tenant accepts."),
        new(EligibilityRules.Codes.VictimViewsNotRecorded, "The victim's views were sought and recorded."),
        new(EligibilityRules.Codes.RiskToVictim, "Cautioning puts the victim at no specific risk."),
    ];

    public static ScreeningChecklist For(TenantDefinition tenant) => new(
        National,
        tenant.ScreeningQuestions.Select(q => new ChecklistItem(q.Code, q.Text)).ToList(),
        tenant.DashRiskLevelsAccepted,
        NationalOffenceTypes.All.Concat(tenant.ExtraOffenceTypes).Select(o => new ChecklistItem(o.Code, o.Name)).ToList());
}
