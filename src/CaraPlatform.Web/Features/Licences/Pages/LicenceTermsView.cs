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
    /// <summary>The licence's terms, its forces by the names the tenant's file gives them (the API keeps their codes).</summary>
    public static LicenceTermsView Of(LicenceResponse l, TenantDefinition? tenant) => new(l.Licensee, l.CommissioningBody, ForceNames(l.Forces, tenant),
        l.StartsOn, l.EndsOn, l.DeliveryModel, l.Languages, l.Cohorts, l.Conditions, l.EndedOn, l.DaysToEnd);

    public static LicenceTermsView Of(TenantLicenceView l, TenantDefinition tenant) => new(l.Licensee, l.CommissioningBody, ForceNames(l.Forces, tenant),
        l.StartsOn, l.EndsOn, l.DeliveryModel, l.Languages, l.Cohorts, l.Conditions, l.EndedOn, l.DaysToEnd);

    private static List<string> ForceNames(IEnumerable<string> codes, TenantDefinition? tenant) =>
        [.. codes.Select(code => tenant?.Forces.FirstOrDefault(f => f.Code == code)?.Name ?? code)];

    public static string CohortName(Cohort cohort) => cohort switch
    {
        Cohort.IpvMale => "Men (intimate partner)",
        Cohort.IpvFemale => "Women (intimate partner)",
        _ => "Men (family, non-intimate partner)",
    };

    public static string DeliveryName(DeliveryModel model) => model == DeliveryModel.Partner ? "Partner provider under licence" : "The licence holder";

    public static string LanguagesText(IEnumerable<string> codes) => string.Join(", ", codes.Select(LanguageNames.English));
}
