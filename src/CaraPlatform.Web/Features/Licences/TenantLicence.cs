using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Web.Features.Licences.Contracts;

namespace CaraPlatform.Web.Features.Licences;

/// <summary>The licence of the context's own tenant: the tenant the request or the runner's scope made current.</summary>
public sealed class TenantLicence(CaraDbContext db, TimeProvider clock) : ITenantLicence
{
    public async Task<TenantLicenceView?> CurrentAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        return await LoadAsync(cancellationToken) is { } l
            ? new TenantLicenceView(l.Terms.Licensee, l.Terms.CommissioningBody, l.Terms.Forces, l.Terms.StartsOn, l.Terms.EndsOn, l.Terms.DeliveryModel,
                l.Terms.Languages, l.Terms.Cohorts, l.Terms.Conditions, l.Status, l.EndedOn, Licence.StandingOn(l, today), l.DaysToEnd(today), l.WarningDue(today))
            : null;
    }

    public async Task<string?> RefusalToScheduleAsync(DateOnly workshop2, CancellationToken cancellationToken) =>
        Licence.RefusalToSchedule(await LoadAsync(cancellationToken), UkCalendar.DateOf(clock.GetUtcNow()), workshop2);

    private Task<Licence?> LoadAsync(CancellationToken cancellationToken)
    {
        var tenantId = db.CurrentTenantId ?? throw new InvalidOperationException("A tenant's licence is read inside that tenant only.");
        return db.Licences.AsNoTracking().SingleOrDefaultAsync(l => l.TenantId == tenantId, cancellationToken);
    }
}
