using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>Forces side by side: referred, and the shares screened eligible, contacted within 14 days and completing.</summary>
public sealed class ForceComparison(NationalReadModel model) : INationalMeasure
{
    public string Id => "force-comparison";

    public string Title => "Forces compared";

    public string Section => "Funnel";

    public int Order => 290;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.Referrals(filter)
            .GroupBy(r => r.ForceCode)
            .Select(g => new Line(
                g.Key,
                g.LongCount(),
                g.LongCount(r => r.ScreenedEligibleOn != null || r.BookedOn != null || r.Workshop1On != null || r.CompletedOn != null),
                g.LongCount(r => r.FirstContactOn != null),
                g.LongCount(r => r.FirstContactOn != null && r.FirstContactOn.Value.DayNumber - r.ReceivedOn.DayNumber <= Timeliness.FirstContactTargetDays),
                g.LongCount(r => r.CompletedOn != null),
                g.LongCount(r => r.CompletedOn != null || r.NonCompliantOn != null)))
            .ToListAsync(cancellationToken);
        var lines = counts.OrderBy(c => c.Force, StringComparer.Ordinal).Append(new Line(
            NationalTable.TotalKey, counts.Sum(c => c.Referred), counts.Sum(c => c.Eligible), counts.Sum(c => c.Contacted),
            counts.Sum(c => c.Within14), counts.Sum(c => c.Completed), counts.Sum(c => c.Decided))).ToList();
        var rows = lines.Select((line, r) => new NationalRow(line.Force, line.Force == NationalTable.TotalKey ? "All forces" : line.Force,
        [
            NationalCell.Count(line.Referred),
            NationalCell.Percent(line.Eligible, line.Referred).On(new CellRef(r, 0)),
            NationalCell.Percent(line.Within14, line.Contacted),
            NationalCell.Percent(line.Completed, line.Decided),
        ])).ToList();
        return new NationalTable(Id, Title, "Force",
            [
                new("referred", "Referred"), new("eligible", "Screened eligible (%)", CellKind.Percent),
                new("contacted-within-14", "Contacted within 14 days (%)", CellKind.Percent), new("completion", "Completed (%)", CellKind.Percent),
            ],
            rows, ForceTable.Sums(rows.Count, [], [0]),
            new NationalChart(ChartKind.Bar, Columns: ["eligible", "contacted-within-14", "completion"]),
            "Contacted within 14 days: of those contacted. Completed: of those whose condition was decided (completed or breached).");
    }

    private sealed record Line(string Force, long Referred, long Eligible, long Contacted, long Within14, long Completed, long Decided);
}
