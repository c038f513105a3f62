using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>
/// Repeat referrals of the same pseudonymous pair (offender and person harmed), by force: of the referrals received in
/// the filter's period, how many repeat an earlier referral of the pair (in any period or tenant), and their share.
/// </summary>
public sealed class RepeatReferrals(NationalReadModel model) : INationalMeasure
{
    public string Id => "repeat-referrals";

    public string Title => "Repeat referrals of the same pair";

    public string Section => "Referrals";

    public int Order => 190;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        // The projection marks each repeat, so this counts flags instead of grouping a million pair keys.
        var forces = await model.Referrals(filter)
            .Where(r => r.PairKey != null)
            .GroupBy(r => r.ForceCode)
            .Select(g => new { Force = g.Key, Referrals = g.LongCount(), Repeats = g.LongCount(r => r.PairReferredBefore) })
            .ToListAsync(cancellationToken);
        var lines = forces.OrderBy(f => f.Force, StringComparer.Ordinal)
            .Select(f => (Key: f.Force, Label: f.Force, f.Referrals, f.Repeats))
            .Append((Key: NationalTable.TotalKey, Label: "All forces", Referrals: forces.Sum(f => f.Referrals), Repeats: forces.Sum(f => f.Repeats)))
            .ToList();
        var rows = lines.Select((line, r) => new NationalRow(line.Key, line.Label,
        [
            NationalCell.Count(line.Referrals), NationalCell.Count(line.Referrals - line.Repeats), NationalCell.Count(line.Repeats),
            NationalCell.Percent(line.Repeats, line.Referrals).On(new(r, 2), new(r, 0)),
        ])).ToList();
        return new NationalTable(Id, Title, "Force",
            [
                new("referrals", "Referrals"), new("first", "First referral of the pair"), new("repeats", "Repeat referrals"),
                new("repeat-share", "Repeat referrals (%)", CellKind.Percent),
            ],
            rows, ForceTable.Sums(rows.Count, [(0, [1, 2])], [0, 1, 2]),
            new NationalChart(ChartKind.Bar, Columns: ["repeats"]),
            "Referrals naming the person harmed, received in the period. A repeat is a referral of a pair referred before it, " +
            "in any period or service; the pair is a keyed pseudonym of the two people, never who they are.");
    }
}
