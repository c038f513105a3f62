using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>
/// The tenant's national counts as they stand today: referrals by month received, status, IPV or not and cohort
/// (<see cref="CaseCountKey"/>), from the live referrals (anonymised ones included) plus what Delete schedules kept
/// in <c>retained_counts</c>. Nothing personal is read into them, so erasure leaves them as they were. The issue-14
/// national read model is fed from events; this is the definition it must agree with.
/// </summary>
public sealed class CaseCounts(CaraDbContext db)
{
    public async Task<IReadOnlyList<CaseCountResponse>> CountAsync(CancellationToken cancellationToken)
    {
        var referrals = await db.Referrals.AsNoTracking()
            .Select(r => new { r.ReceivedAt, r.Status, r.Offence.Relationship, r.Offender.Sex }).ToListAsync(cancellationToken);
        var live = referrals.Select(r => (Key: CaseCountKey.Of(r.ReceivedAt, r.Status, r.Relationship, r.Sex), Count: 1));
        var retained = (await db.RetainedCounts.AsNoTracking().ToListAsync(cancellationToken)).Select(c => (c.Key, c.Count));
        return [.. live.Concat(retained)
            .GroupBy(c => c.Key, c => c.Count)
            .Select(g => new CaseCountResponse(g.Key.MonthReceived, g.Key.Status, g.Key.Ipv, g.Key.Cohort, g.Sum()))
            .OrderBy(c => c.MonthReceived).ThenBy(c => c.Status).ThenBy(c => c.Ipv).ThenBy(c => c.Cohort)];
    }
}
