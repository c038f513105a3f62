using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>
/// A tenant and where its licence stands today, for the national list: the days left to its end date (0 on the last
/// day, negative after; null without a licence) and the end-of-licence warning due today, if any.
/// </summary>
public sealed record LicenceSummary(
    string Tenant, string TenantName, Guid? LicenceId, string? Licensee, DateOnly? StartsOn, DateOnly? EndsOn,
    LicenceStanding Standing, int? DaysToEnd, LicenceWarning? Warning);

/// <summary>A licence with its history.</summary>
public sealed record LicenceResponse(
    Guid Id, string Tenant, string TenantName, string Licensee, string CommissioningBody, IReadOnlyList<string> Forces,
    DateOnly StartsOn, DateOnly EndsOn, DeliveryModel DeliveryModel, IReadOnlyList<string> Languages, IReadOnlyList<Cohort> Cohorts,
    string? Conditions, LicenceStatus Status, DateOnly? EndedOn, LicenceStanding Standing, int DaysToEnd, LicenceWarning? Warning,
    uint Version, IReadOnlyList<LicenceChange> History)
{
    internal static LicenceResponse From(Licence l, Tenant tenant, DateOnly today) => new(
        l.Id, tenant.Slug, tenant.Name, l.Terms.Licensee, l.Terms.CommissioningBody, l.Terms.Forces, l.Terms.StartsOn, l.Terms.EndsOn,
        l.Terms.DeliveryModel, l.Terms.Languages, l.Terms.Cohorts, l.Terms.Conditions, l.Status, l.EndedOn, Licence.StandingOn(l, today),
        l.DaysToEnd(today), l.WarningDue(today), l.Version, [.. l.History.AsEnumerable().Reverse()]);
}
