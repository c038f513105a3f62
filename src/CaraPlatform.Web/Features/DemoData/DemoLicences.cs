using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Licences;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// Licenses each of the nine delivery areas of tenants/ that has no licence yet, as its file says it delivers (the licence holder, or Restorative
/// Solutions CIC for West Yorkshire): five-year licences from April, with Norfolk's ending within 90 days, so that the
/// warnings show on both portals.
/// </summary>
internal static class DemoLicences
{
    private static readonly string[] Areas =
    [
        "avon-and-somerset", "cambridgeshire", "dorset", "hampshire", "leicestershire", "norfolk", "thames-valley", "west-midlands", "west-yorkshire",
    ];

    /// <summary>The demo tenant whose licence is about to end.</summary>
    public const string Ending = "norfolk";

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        var licensed = await db.Licences.Select(l => l.TenantId).ToListAsync(cancellationToken);
        var tenants = await db.Tenants.AsNoTracking().Where(t => Areas.Contains(t.Slug) && !licensed.Contains(t.Id)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        var seed = new LicenceActor(null, "the demo data");
        foreach (var tenant in tenants)
        {
            // West Yorkshire's partner has delivered since 2020; the licence holder's own areas renew every five years.
            var startsOn = tenant.Definition.DeliveryModel == Domain.Tenants.DeliveryModel.Partner ? new DateOnly(2020, 4, 1) : new DateOnly(today.Year - 2, 4, 1);
            var endsOn = tenant.Slug == Ending ? today.AddDays(60) : new DateOnly(today.Year + 3, 3, 31);
            db.Licences.Add(Licence.Grant(tenant.Id, LicenceTerms.Covering(tenant.Definition, startsOn, endsOn,
                "Quarterly delivery data to the licence holder; facilitators trained and supervised by the licence holder."), seed, now));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
