using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>How many referrals of a force took how many days from referral to a stage.</summary>
public sealed record ForceDays(string Force, int Days, long Count);

/// <summary>The day counts the timeliness tables share, grouped in the database (a few rows per force and day).</summary>
public static class Timeliness
{
    /// <summary>The target: first contact within 14 days of referral.</summary>
    public const int FirstContactTargetDays = 14;

    public static Task<List<ForceDays>> DaysToFirstContactAsync(IQueryable<NationalReferral> referrals, CancellationToken cancellationToken) =>
        referrals.Where(r => r.FirstContactOn != null)
            .GroupBy(r => new { r.ForceCode, Days = r.FirstContactOn!.Value.DayNumber - r.ReceivedOn.DayNumber })
            .Select(g => new ForceDays(g.Key.ForceCode, g.Key.Days, g.LongCount()))
            .ToListAsync(cancellationToken);

    /// <summary>The middle of the distribution (the mean of the two middle days when the count is even); null when empty.</summary>
    public static decimal? Median(IEnumerable<ForceDays> days)
    {
        var ordered = days.OrderBy(d => d.Days).ToList();
        var count = ordered.Sum(d => d.Count);
        if (count == 0) return null;
        return (DayAt(ordered, (count - 1) / 2) + DayAt(ordered, count / 2)) / 2m;
    }

    private static int DayAt(List<ForceDays> ordered, long index)
    {
        foreach (var d in ordered)
        {
            if (index < d.Count) return d.Days;
            index -= d.Count;
        }

        throw new ArgumentOutOfRangeException(nameof(index));
    }
}

/// <summary>Days from referral to first contact: how many took each week, by force, against the 14-day target.</summary>
public sealed class FirstContactDistribution(NationalReadModel model) : INationalMeasure
{
    private static readonly (string Key, string Label, int From, int To)[] Buckets =
    [
        ("0-7", "0 to 7 days", 0, 7), ("8-14", "8 to 14 days", 8, 14), ("15-21", "15 to 21 days", 15, 21),
        ("22-28", "22 to 28 days", 22, 28), ("29+", "29 days or more", 29, int.MaxValue),
    ];

    public string Id => "first-contact-days";

    public string Title => "Days from referral to first contact";

    public string Section => "Timeliness";

    public int Order => 300;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var days = await Timeliness.DaysToFirstContactAsync(model.Referrals(filter), cancellationToken);
        var forces = days.Select(d => d.Force).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = Buckets.Select(b => (b.Key, b.Label, (IReadOnlyList<long>)
            [.. forces.Select(force => days.Where(d => d.Force == force && d.Days >= b.From && d.Days <= b.To).Sum(d => d.Count))])).ToList();
        return NationalTable.Crosstab(Id, Title, "Days", [.. forces.Select(f => new NationalColumn(f, f))], rows,
            new NationalChart(ChartKind.Histogram, Timeliness.FirstContactTargetDays, "Target: 14 days", [NationalTable.TotalKey]),
            "Rows are weeks of days from referral to first contact; the target line falls between the 8 to 14 and 15 to 21 day rows.");
    }
}

/// <summary>Per force: how many were contacted, the median days it took, and how many within the 14-day target.</summary>
public sealed class FirstContactByForce(NationalReadModel model) : INationalMeasure
{
    public string Id => "first-contact-by-force";

    public string Title => "First contact within 14 days, by force";

    public string Section => "Timeliness";

    public int Order => 310;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var days = await Timeliness.DaysToFirstContactAsync(model.Referrals(filter), cancellationToken);
        var groups = days.GroupBy(d => d.Force).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Label: g.Key, Days: (IReadOnlyList<ForceDays>)[.. g]))
            .Append((Key: NationalTable.TotalKey, Label: "All forces", Days: days))
            .ToList();
        var rows = groups.Select((g, r) =>
        {
            var contacted = g.Days.Sum(d => d.Count);
            var within = g.Days.Where(d => d.Days <= Timeliness.FirstContactTargetDays).Sum(d => d.Count);
            return new NationalRow(g.Key, g.Label,
            [
                NationalCell.Count(contacted), NationalCell.Count(within), NationalCell.Count(contacted - within),
                NationalCell.Percent(within, contacted).On(new(r, 1), new(r, 0)), NationalCell.Days(Timeliness.Median(g.Days), contacted),
            ]);
        }).ToList();
        return new NationalTable(Id, Title, "Force",
            [
                new("contacted", "Contacted"), new("within-14", "Within 14 days"), new("after-14", "After 14 days"),
                new("within-14-share", "Within 14 days (%)", CellKind.Percent), new("median-days", "Median days", CellKind.Days),
            ],
            rows, ForceTable.Sums(rows.Count, [(0, [1, 2])], [0, 1, 2]),
            new NationalChart(ChartKind.Bar, Timeliness.FirstContactTargetDays, "Target: 14 days", ["median-days"]));
    }

}

/// <summary>Median days from referral to Workshop 1 and to Workshop 2 (completion), per force.</summary>
public sealed class DaysToWorkshops(NationalReadModel model) : INationalMeasure
{
    public string Id => "days-to-workshops";

    public string Title => "Median days from referral to each workshop, by force";

    public string Section => "Timeliness";

    public int Order => 320;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        // One pass over the referrals for both workshops: a few hundred rows per force, split here.
        var days = await model.Referrals(filter).Where(r => r.Workshop1On != null || r.CompletedOn != null)
            .GroupBy(r => new
            {
                r.ForceCode,
                ToWorkshop1 = r.Workshop1On == null ? (int?)null : r.Workshop1On.Value.DayNumber - r.ReceivedOn.DayNumber,
                ToWorkshop2 = r.CompletedOn == null ? (int?)null : r.CompletedOn.Value.DayNumber - r.ReceivedOn.DayNumber,
            })
            .Select(g => new { g.Key.ForceCode, g.Key.ToWorkshop1, g.Key.ToWorkshop2, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        List<ForceDays> toWorkshop1 = [.. days.Where(d => d.ToWorkshop1 != null).Select(d => new ForceDays(d.ForceCode, d.ToWorkshop1!.Value, d.Count))];
        List<ForceDays> toWorkshop2 = [.. days.Where(d => d.ToWorkshop2 != null).Select(d => new ForceDays(d.ForceCode, d.ToWorkshop2!.Value, d.Count))];
        var forces = toWorkshop1.Concat(toWorkshop2).Select(d => d.Force).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = forces.Select(force => Row(force, force, toWorkshop1.Where(d => d.Force == force), toWorkshop2.Where(d => d.Force == force)))
            .Append(Row(NationalTable.TotalKey, "All forces", toWorkshop1, toWorkshop2))
            .ToList();
        return new NationalTable(Id, Title, "Force",
            [new("workshop1", "Median days to Workshop 1", CellKind.Days), new("workshop2", "Median days to Workshop 2", CellKind.Days)],
            rows, [], new NationalChart(ChartKind.Bar));
    }

    private static NationalRow Row(string key, string label, IEnumerable<ForceDays> toWorkshop1, IEnumerable<ForceDays> toWorkshop2) =>
        new(key, label,
        [
            NationalCell.Days(Timeliness.Median(toWorkshop1), toWorkshop1.Sum(d => d.Count)),
            NationalCell.Days(Timeliness.Median(toWorkshop2), toWorkshop2.Sum(d => d.Count)),
        ]);
}
