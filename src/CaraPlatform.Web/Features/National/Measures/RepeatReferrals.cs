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
        // A pair is counted under the force of its first referral, so the force rows add up to all forces.
        var pairs = await model.Referrals(filter)
            .Where(r => r.PairKey != null)
            .GroupBy(r => r.PairKey)
            .Select(g => new { Force = g.OrderBy(r => r.ReceivedOn).ThenBy(r => r.ReferralId).First().ForceCode, Referrals = g.LongCount() })
            .ToListAsync(cancellationToken);
        var lines = pairs.GroupBy(p => p.Force).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Label: g.Key, Pairs: g.Select(p => p.Referrals).ToList()))
            .Append((Key: NationalTable.TotalKey, Label: "All forces", Pairs: pairs.Select(p => p.Referrals).ToList()))
            .ToList();
        var rows = lines.Select(line => new NationalRow(line.Key, line.Label,
        [
            NationalCell.Count(line.Pairs.Sum()), NationalCell.Count(line.Pairs.Count),
            NationalCell.Count(line.Pairs.Count(n => n > 1)), NationalCell.Count(line.Pairs.Sum(n => n - 1)),
        ])).ToList();
        return new NationalTable(Id, Title, "Force of the pair's first referral",
            [new("referrals", "Referrals"), new("pairs", "Pairs"), new("repeat-pairs", "Pairs referred 2+ times"), new("repeats", "Repeat referrals")],
            rows, ForceTable.Sums(rows.Count, [(0, [1, 3])], [0, 1, 2, 3]),
            new NationalChart(ChartKind.Bar, Columns: ["repeat-pairs", "repeats"]),
            "Referrals: every referral with a pair key. Each pair's first referral is not a repeat; every later one is.");
    }
}
