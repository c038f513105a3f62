using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>
/// The funnel: referred → screened eligible → contacted → booked → Workshop 1 → Workshop 2 (completed), and for each stage
/// those who went no further, by how they stopped. Stages are cumulative (a booked referral was screened eligible and
/// contacted, whatever was recorded), so each stage is the next plus its stoppers, and the table's sums say so.
/// </summary>
public sealed class ReferralFunnel(NationalReadModel model) : INationalMeasure
{
    public string Id => "funnel";

    public string Title => "From referral to completion";

    public string Section => "Funnel";

    public int Order => 200;

    private static readonly (string Key, string Label)[] Stages =
    [
        ("referred", "Referred"), ("eligible", "Screened eligible"), ("contacted", "Contacted"),
        ("booked", "Booked"), ("workshop1", "Attended Workshop 1"), ("completed", "Attended Workshop 2 (completed)"),
    ];

    private enum Stop { Returned, Withdrawn, Breach, Open }

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var paths = await model.Referrals(filter)
            .GroupBy(r => new
            {
                Eligible = r.ScreenedEligibleOn != null,
                Contacted = r.FirstContactOn != null,
                Booked = r.BookedOn != null,
                Workshop1 = r.Workshop1On != null,
                Completed = r.CompletedOn != null,
                Returned = r.ReturnedOn != null,
                Withdrawn = r.WithdrawnOn != null,
                Breach = r.NonCompliantOn != null,
            })
            .Select(g => new { g.Key, Count = g.LongCount() })
            .ToListAsync(cancellationToken);

        var reached = new long[Stages.Length];
        var stopped = new long[Stages.Length - 1, Enum.GetValues<Stop>().Length];
        foreach (var path in paths)
        {
            var p = path.Key;
            var furthest = p.Completed ? 5 : p.Workshop1 ? 4 : p.Booked ? 3 : p.Eligible && p.Contacted ? 2 : p.Eligible ? 1 : 0;
            for (var s = 0; s <= furthest; s++) reached[s] += path.Count;
            if (furthest == Stages.Length - 1) continue;
            var stop = p.Breach ? Stop.Breach : p.Withdrawn ? Stop.Withdrawn : p.Returned ? Stop.Returned : Stop.Open;
            stopped[furthest, (int)stop] += path.Count;
        }

        return NationalTable.Funnel(Id, Title, "Stage", new NationalColumn("reached", "Reached"),
            [
                new("returned", "Went no further: returned to the police"), new("withdrawn", "Withdrawn"),
                new("breach", "Breach"), new("open", "Still open"),
            ],
            [.. Stages.Select((stage, s) => (stage.Key, stage.Label, reached[s],
                (IReadOnlyList<long>)(s < Stages.Length - 1 ? [.. Enumerable.Range(0, stopped.GetLength(1)).Select(k => stopped[s, k])] : [])))],
            new NationalChart(ChartKind.Funnel, Columns: ["reached"]),
            "Each stage counts everyone who got at least that far. A referral that stopped at a stage is counted once, by " +
            "the first of breach, withdrawal, return to the police that applies; still open otherwise.");
    }
}
