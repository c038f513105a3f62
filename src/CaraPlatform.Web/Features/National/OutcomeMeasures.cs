using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.National;

/// <summary>The groups the evaluations compare: who completed, who did not, and who was eligible but never referred.</summary>
public enum OutcomeGroup { Completers, NonCompleters, EligibleNotReferred }

/// <summary>One follow-up as the outcome measures count it.</summary>
public sealed record GroupedFollowUp(OutcomeGroup Group, int Months, bool Reoffended, IReadOnlyList<string> OffenceTypes);

/// <summary>
/// The follow-ups of a filter, each in its group: a referred person's group comes from their national referral's
/// status (Completed; NonCompliant, Closed or Withdrawn; any other status is not yet an outcome and is left out).
/// The comparison group has no referral, so only the filter's tenant narrows it.
/// </summary>
public sealed class OutcomeFollowUps(NationalReadModel model)
{
    public const string GroupNote =
        "Completers: referrals completed; non-completers: referrals that breached, were closed or withdrawn. " +
        "The eligible-but-not-referred comparison group is narrowed by tenant only (it has no referral to carry force, period, cohort or language).";

    private static readonly ReferralStatus[] NotCompleted = [ReferralStatus.NonCompliant, ReferralStatus.Closed, ReferralStatus.Withdrawn];

    public async Task<IReadOnlyList<GroupedFollowUp>> ListAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var outcomes = model.Db.NationalOutcomes.AsNoTracking();
        var referred = await (
                from o in outcomes
                join r in model.Referrals(filter) on new { o.TenantId, ReferralId = o.ReferralId } equals new { r.TenantId, ReferralId = (Guid?)r.ReferralId }
                where r.Status == ReferralStatus.Completed || NotCompleted.Contains(r.Status)
                select new { r.Status, o.Months, o.Reoffended, o.OffenceTypes })
            .ToListAsync(cancellationToken);
        var comparison = outcomes.Where(o => o.Cohort == FollowUpCohort.EligibleNotReferred);
        if (filter.Tenant is { } tenant)
            comparison = comparison.Where(o => model.Db.Tenants.Any(t => t.Id == o.TenantId && t.Slug == tenant));
        var eligible = await comparison.Select(o => new { o.Months, o.Reoffended, o.OffenceTypes }).ToListAsync(cancellationToken);
        return
        [
            .. referred.Select(f => new GroupedFollowUp(
                f.Status == ReferralStatus.Completed ? OutcomeGroup.Completers : OutcomeGroup.NonCompleters, f.Months, f.Reoffended, f.OffenceTypes)),
            .. eligible.Select(f => new GroupedFollowUp(OutcomeGroup.EligibleNotReferred, f.Months, f.Reoffended, f.OffenceTypes)),
        ];
    }

    public static readonly IReadOnlyList<(OutcomeGroup Group, string Key, string Label)> Groups =
    [
        (OutcomeGroup.Completers, "completers", "Completers"),
        (OutcomeGroup.NonCompleters, "non-completers", "Non-completers"),
        (OutcomeGroup.EligibleNotReferred, "eligible-not-referred", "Eligible, not referred"),
    ];
}

/// <summary>Reoffending at 6 and 12 months: people followed up, those who reoffended, and the rate, per group.</summary>
public sealed class ReoffendingRates(OutcomeFollowUps followUps) : INationalMeasure
{
    public string Id => "reoffending-rates";

    public string Title => "Domestic-abuse reoffending at 6 and 12 months";

    public string Section => "Outcomes";

    public int Order => 900;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var all = await followUps.ListAsync(filter, cancellationToken);
        var columns = ReoffendingFollowUp.Windows.SelectMany(m => new NationalColumn[]
        {
            new($"followed-up-{m}", $"Followed up ({m} months)"),
            new($"reoffended-{m}", $"Reoffended ({m} months)"),
            new($"rate-{m}", $"Reoffending rate ({m} months)", CellKind.Percent),
        }).ToList();
        var rows = OutcomeFollowUps.Groups.Select(g => new NationalRow(g.Key, g.Label, [.. ReoffendingFollowUp.Windows.SelectMany(m =>
        {
            var window = all.Where(f => f.Group == g.Group && f.Months == m).ToList();
            var reoffended = window.Count(f => f.Reoffended);
            return new[] { NationalCell.Count(window.Count), NationalCell.Count(reoffended), NationalCell.Percent(reoffended, window.Count) };
        })])).ToList();
        return new NationalTable(Id, Title, "Group", columns, rows, [],
            new NationalChart(ChartKind.Bar, Columns: [.. ReoffendingFollowUp.Windows.Select(m => $"rate-{m}")]), OutcomeFollowUps.GroupNote);
    }
}

/// <summary>
/// Reoffending weighted by harm: per 100 people followed up, the summed weight (<see cref="HarmWeightOptions"/>) of the
/// offence types each reoffended with, so a group reoffending less often but more gravely is not mistaken for better.
/// </summary>
public sealed class HarmWeightedReoffending(OutcomeFollowUps followUps, IOptionsSnapshot<HarmWeightOptions> weights) : INationalMeasure
{
    public string Id => "harm-weighted-reoffending";

    public string Title => "Harm-weighted reoffending at 6 and 12 months";

    public string Section => "Outcomes";

    public int Order => 910;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var all = await followUps.ListAsync(filter, cancellationToken);
        var columns = ReoffendingFollowUp.Windows.SelectMany(m => new NationalColumn[]
        {
            new($"followed-up-{m}", $"Followed up ({m} months)"),
            new($"harm-{m}", $"Harm per 100 followed up ({m} months)", CellKind.Number),
        }).ToList();
        var rows = OutcomeFollowUps.Groups.Select(g => new NationalRow(g.Key, g.Label, [.. ReoffendingFollowUp.Windows.SelectMany(m =>
        {
            var window = all.Where(f => f.Group == g.Group && f.Months == m).ToList();
            var harm = window.Sum(f => f.OffenceTypes.Sum(weights.Value.WeightOf));
            return new[] { NationalCell.Count(window.Count), NationalCell.Number(window.Count == 0 ? null : 100m * harm / window.Count, window.Count) };
        })])).ToList();
        return new NationalTable(Id, Title, "Group", columns, rows, [],
            new NationalChart(ChartKind.Bar, Columns: [.. ReoffendingFollowUp.Windows.Select(m => $"harm-{m}")]),
            "Each reoffender's offence types weighted by National:HarmWeights (a Crime Harm Index-like table of days in custody). " + OutcomeFollowUps.GroupNote);
    }
}
