using System.Globalization;

namespace CaraPlatform.Web.Features.Competence;

/// <summary>A facilitator of a tenant's upcoming run who will lapse before it, as the licence holder's worklist holds it.</summary>
/// <param name="Service">The tenant's name.</param>
/// <param name="Workshop1">Workshop 1's date.</param>
/// <param name="Workshop2">Workshop 2's date.</param>
/// <param name="PersonId">The facilitator.</param>
/// <param name="PersonName">Their name.</param>
/// <param name="Reasons">Every open reason.</param>
/// <param name="FirstSeenAt">When the check first found one of them.</param>
public sealed record RunAtRiskLine(
    string Service, DateOnly Workshop1, DateOnly Workshop2, Guid PersonId, string PersonName, IReadOnlyList<string> Reasons, DateTimeOffset FirstSeenAt)
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public string Dates => string.Create(Uk, $"{Workshop1:d MMM yyyy} and {Workshop2:d MMM yyyy}");

    public string FirstSeen => FirstSeenAt.ToString("d MMM yyyy", Uk);
}

/// <summary>The Trainer's read of the worklist the daily lapse check keeps, across tenants from the licence holder's own table.</summary>
public sealed class NationalRunsAtRisk(CaraDbContext db)
{
    /// <summary>Open items, soonest run first, one line per run and person.</summary>
    public async Task<IReadOnlyList<RunAtRiskLine>> OpenAsync(CancellationToken cancellationToken)
    {
        var open = await db.RunsAtRisk.AsNoTracking().Where(r => r.ResolvedAt == null)
            .OrderBy(r => r.Workshop1).ThenBy(r => r.TenantName).ThenBy(r => r.PersonName).Take(1000).ToListAsync(cancellationToken);
        return [.. open.GroupBy(r => (r.TenantId, r.RunId, r.UserId)).Select(g => new RunAtRiskLine(
            g.First().TenantName, g.First().Workshop1, g.First().Workshop2, g.Key.UserId, g.First().PersonName,
            [.. g.Select(r => r.GapMessage)], g.Min(r => r.FirstSeenAt)))];
    }
}
