using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>
/// Repeat referrals of the same pseudonymous pair (offender and person harmed), within the filter's period: how many
/// pairs were referred, how many more than once, and how many referrals were repeats (every one after a pair's first).
/// </summary>
public sealed class RepeatReferrals(NationalReadModel model) : INationalMeasure
{
    public string Id => "repeat-referrals";

    public string Title => "Repeat referrals of the same pair";

    public string Section => "Referrals";

    public int Order => 190;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        // Both levels aggregate in the database (a million referrals are near a million pairs): per pair its referrals and
        // its force, then per force. A pair referred in two forces counts under the first force code (pairs rarely cross).
        var forces = await model.Referrals(filter)
            .Where(r => r.PairKey != null)
            .GroupBy(r => r.PairKey)
            .Select(g => new { Force = g.Min(r => r.ForceCode)!, Referrals = g.LongCount() })
            .GroupBy(p => p.Force)
            .Select(g => new
            {
                Force = g.Key,
                Referrals = g.Sum(p => p.Referrals),
                Pairs = g.LongCount(),
                RepeatPairs = g.LongCount(p => p.Referrals > 1),
                Repeats = g.Sum(p => p.Referrals - 1),
            })
            .ToListAsync(cancellationToken);
        var lines = forces.OrderBy(f => f.Force, StringComparer.Ordinal)
            .Select(f => (Key: f.Force, Label: f.Force, Counts: new[] { f.Referrals, f.Pairs, f.RepeatPairs, f.Repeats }))
            .Append((Key: NationalTable.TotalKey, Label: "All forces", Counts: new[]
            {
                forces.Sum(f => f.Referrals), forces.Sum(f => f.Pairs), forces.Sum(f => f.RepeatPairs), forces.Sum(f => f.Repeats),
            }))
            .ToList();
        var rows = lines.Select(line => new NationalRow(line.Key, line.Label, [.. line.Counts.Select(NationalCell.Count)])).ToList();
        return new NationalTable(Id, Title, "Force of the pair",
            [new("referrals", "Referrals"), new("pairs", "Pairs"), new("repeat-pairs", "Pairs referred 2+ times"), new("repeats", "Repeat referrals")],
            rows, ForceTable.Sums(rows.Count, [(0, [1, 3])], [0, 1, 2, 3]),
            new NationalChart(ChartKind.Bar, Columns: ["repeat-pairs", "repeats"]),
            "Referrals: every referral with a pair key. Each pair's first referral is not a repeat; every later one is.");
    }
}
