using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Web.Features.Licences.Contracts;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>A licence's terms as the national and the tenant's pages both show them (<c>_LicenceTerms</c>).</summary>
public sealed record LicenceTermsView(
    string Licensee, string CommissioningBody, IReadOnlyList<string> Forces, DateOnly StartsOn, DateOnly EndsOn, DeliveryModel DeliveryModel,
    IReadOnlyList<string> Languages, IReadOnlyList<Cohort> Cohorts, string? Conditions, DateOnly? EndedOn, int DaysToEnd)
{
    public static LicenceTermsView Of(LicenceResponse l) => new(l.Licensee, l.CommissioningBody, l.Forces, l.StartsOn, l.EndsOn, l.DeliveryModel,
        l.Languages, l.Cohorts, l.Conditions, l.EndedOn, l.DaysToEnd);

    public static LicenceTermsView Of(TenantLicenceView l) => new(l.Licensee, l.CommissioningBody, l.Forces, l.StartsOn, l.EndsOn, l.DeliveryModel,
        l.Languages, l.Cohorts, l.Conditions, l.EndedOn, l.DaysToEnd);

    public static string CohortName(Cohort cohort) => cohort switch
    {
        Cohort.IpvMale => "Men (intimate partner)",
        Cohort.IpvFemale => "Women (intimate partner)",
        _ => "Men (family, non-intimate partner)",
    };

    public static string DeliveryName(DeliveryModel model) => model == DeliveryModel.Partner ? "Partner provider under licence" : "The licence holder";

    public static string LanguagesText(IEnumerable<string> codes) => string.Join(", ", codes.Select(LanguageNames.English));
}
