using System.Globalization;
using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>
/// How full the runs are, by the month of Workshop 1: places taken (referrals whose latest booking is on the run)
/// against the runs' capacity. Cancelled runs are left out: they offered no places.
/// </summary>
public sealed class RunFillRateMeasure(NationalReadModel model) : INationalMeasure
{
    public string Id => "run-fill-rate";

    public string Title => "Run fill rate by month";

    public string Section => "Runs";

    public int Order => 510;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var runs = model.Runs(filter).Where(r => r.CancelledOn == null);
        var offered = await runs.GroupBy(r => r.Month)
            .Select(g => new { Month = g.Key, Runs = g.LongCount(), Capacity = g.Sum(r => (long)r.Capacity) })
            .ToListAsync(cancellationToken);
        var taken = await runs
            .Join(model.Db.NationalReferrals, r => new { r.TenantId, RunId = (Guid?)r.RunId }, p => new { p.TenantId, p.RunId }, (r, p) => r.Month)
            .GroupBy(month => month)
            .Select(g => new { Month = g.Key, Taken = g.LongCount() })
            .ToListAsync(cancellationToken);
        var rows = offered.OrderBy(o => o.Month)
            .Select(o => Row(o.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), o.Month.ToString("MMM yyyy", CultureInfo.InvariantCulture),
                o.Runs, o.Capacity, taken.FirstOrDefault(t => t.Month == o.Month)?.Taken ?? 0))
            .ToList();
        rows.Add(Row(NationalTable.TotalKey, "Total", offered.Sum(o => o.Runs), offered.Sum(o => o.Capacity), taken.Sum(t => t.Taken)));
        var months = rows.Count - 1;
        // The total row adds up the months in each count column; the fill rate is a share, not a sum.
        var sums = Enumerable.Range(0, 3)
            .Select(c => new NationalSum(new CellRef(months, c), [.. Enumerable.Range(0, months).Select(r => new CellRef(r, c))]))
            .ToList();
        return new NationalTable(Id, Title, "Month of Workshop 1",
            [new("runs", "Runs"), new("places", "Places"), new("taken", "Places taken"), new("fill-rate", "Fill rate (%)", CellKind.Number)],
            rows, sums, new NationalChart(ChartKind.Bar, Columns: ["fill-rate"]), "Places taken are referrals whose latest booking is on the run; cancelled runs are left out.");
    }

    // The fill rate rests on the people in the places taken; free places are no one, so a full run's rate hides nothing.
    private static NationalRow Row(string key, string label, long runs, long places, long taken) =>
        new(key, label, [NationalCell.Count(runs), NationalCell.Count(places), NationalCell.Count(taken),
            NationalCell.Number(places == 0 ? null : 100m * taken / places, taken)]);
}
