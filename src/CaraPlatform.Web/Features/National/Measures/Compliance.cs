using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>
/// Compliance per force: of those whose condition was decided (completed, or a breach not made good), the share who
/// completed, and the breach rate. A breach followed by a re-booking and completion counts as completed.
/// </summary>
public sealed class ComplianceByForce(NationalReadModel model) : INationalMeasure
{
    public string Id => "compliance";

    public string Title => "Compliance and breach, by force";

    public string Section => "Compliance";

    public int Order => 400;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.Referrals(filter)
            .GroupBy(r => r.ForceCode)
            .Select(g => new
            {
                Force = g.Key,
                Completed = g.LongCount(r => r.CompletedOn != null),
                Breached = g.LongCount(r => r.CompletedOn == null && r.NonCompliantOn != null),
            })
            .ToListAsync(cancellationToken);
        var lines = counts.OrderBy(c => c.Force, StringComparer.Ordinal).Select(c => (Key: c.Force, Label: c.Force, c.Completed, c.Breached))
            .Append((Key: NationalTable.TotalKey, Label: "All forces", Completed: counts.Sum(c => c.Completed), Breached: counts.Sum(c => c.Breached)))
            .ToList();
        var rows = lines.Select((line, r) => new NationalRow(line.Key, line.Label,
        [
            NationalCell.Count(line.Completed + line.Breached), NationalCell.Count(line.Completed), NationalCell.Count(line.Breached),
            NationalCell.Percent(line.Completed, line.Completed + line.Breached).On(new(r, 1), new(r, 0)),
            NationalCell.Percent(line.Breached, line.Completed + line.Breached).On(new(r, 2), new(r, 0)),
        ])).ToList();
        return new NationalTable(Id, Title, "Force",
            [
                new("decided", "Decided"), new("completed", "Completed"), new("breached", "Breached"),
                new("compliance", "Compliance (%)", CellKind.Percent), new("breach-rate", "Breach rate (%)", CellKind.Percent),
            ],
            rows, ForceTable.Sums(rows.Count, [(0, [1, 2])], [0, 1, 2]),
            new NationalChart(ChartKind.Bar, Columns: ["compliance"]),
            "Decided: completed both workshops, or breached the condition and did not complete after it.");
    }
}

/// <summary>Breaches by force and reason code (absent from or late to a workshop, ...), counting every breach recorded.</summary>
public sealed class BreachesByReason(NationalReadModel model) : INationalMeasure
{
    public string Id => "breaches-by-reason";

    public string Title => "Breaches by reason, by force";

    public string Section => "Compliance";

    public int Order => 410;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.Referrals(filter)
            .Where(r => r.NonCompliantOn != null)
            .GroupBy(r => new { r.ForceCode, r.BreachReason })
            .Select(g => new { g.Key.ForceCode, g.Key.BreachReason, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var reasons = counts.Select(c => c.BreachReason).Distinct().Order(StringComparer.Ordinal).ToList();
        var rows = counts.Select(c => c.ForceCode).Distinct().Order(StringComparer.Ordinal)
            .Select(force => (force, force, (IReadOnlyList<long>)
                [.. reasons.Select(reason => counts.Where(c => c.ForceCode == force && c.BreachReason == reason).Sum(c => c.Count))]))
            .ToList();
        return NationalTable.Crosstab(Id, Title, "Force",
            [.. reasons.Select(reason => new NationalColumn(reason ?? "not-recorded", reason ?? "Not recorded"))],
            rows, new NationalChart(ChartKind.StackedBar));
    }
}
