using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Licences.Contracts;

/// <summary>
/// The current tenant's licence as its own staff see it (no history: that is the licence holder's), with its standing
/// today, the days left to its end (0 on the last day, negative after) and the end-of-licence warning due, if any.
/// </summary>
public sealed record TenantLicenceView(
    string Licensee, string CommissioningBody, IReadOnlyList<string> Forces, DateOnly StartsOn, DateOnly EndsOn, DeliveryModel DeliveryModel,
    IReadOnlyList<string> Languages, IReadOnlyList<Cohort> Cohorts, string? Conditions, LicenceStatus Status, DateOnly? EndedOn,
    LicenceStanding Standing, int DaysToEnd, LicenceWarning? Warning);

/// <summary>
/// What tenant-side features ask of the licence holder's licences: always about the CURRENT tenant (the one the request
/// or the tenant scope is for), never a tenant named by input.
/// </summary>
public interface ITenantLicence
{
    /// <summary>The current tenant's licence today, or null when it has none.</summary>
    Task<TenantLicenceView?> CurrentAsync(CancellationToken cancellationToken);

    /// <summary>Why the current tenant may not schedule a new run whose Workshop 2 falls on <paramref name="workshop2"/>; null when it may.</summary>
    Task<string?> RefusalToScheduleAsync(DateOnly workshop2, CancellationToken cancellationToken);
}
