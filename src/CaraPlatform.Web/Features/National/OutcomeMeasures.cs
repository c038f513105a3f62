using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.National;

/// <summary>The groups the evaluations compare: who completed, who did not, and who was eligible but never referred.</summary>
public enum OutcomeGroup { Completers, NonCompleters, EligibleNotReferred }

/// <summary>How many follow-ups of a group and window found the same: whether they reoffended, and the offence types.</summary>
public sealed record FollowUpFindings(OutcomeGroup Group, int Months, bool Reoffended, IReadOnlyList<string> OffenceTypes, long Count);

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

    /// <summary>
    /// The follow-ups of the filter, counted per group, window and findings in the database: one pass over the referrals
    /// (a million have as many follow-ups), whose findings take few distinct values.
    /// </summary>
    public async Task<IReadOnlyList<FollowUpFindings>> FindingsAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var referred = await Closed(filter)
            .Where(r => r.Reoffended6Months != null || r.Reoffended12Months != null)
            .GroupBy(r => new { r.Status, r.Reoffended6Months, r.Reoffences6Months, r.Reoffended12Months, r.Reoffences12Months })
            .Select(g => new { g.Key.Status, g.Key.Reoffended6Months, g.Key.Reoffences6Months, g.Key.Reoffended12Months, g.Key.Reoffences12Months, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var eligible = await Comparison(filter)
            .GroupBy(o => new { o.Months, o.Reoffended, o.OffenceTypes })
            .Select(g => new { g.Key.Months, g.Key.Reoffended, g.Key.OffenceTypes, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        return
        [
            .. referred.Where(f => f.Reoffended6Months is not null)
                .Select(f => new FollowUpFindings(GroupOf(f.Status), 6, f.Reoffended6Months!.Value, f.Reoffences6Months, f.Count)),
            .. referred.Where(f => f.Reoffended12Months is not null)
                .Select(f => new FollowUpFindings(GroupOf(f.Status), 12, f.Reoffended12Months!.Value, f.Reoffences12Months, f.Count)),
            .. eligible.Select(f => new FollowUpFindings(OutcomeGroup.EligibleNotReferred, f.Months, f.Reoffended, f.OffenceTypes, f.Count)),
        ];
    }

    /// <summary>The filter's referrals that have ended, each carrying its follow-ups' findings.</summary>
    private IQueryable<NationalReferral> Closed(NationalFilter filter) =>
        model.Referrals(filter).Where(r => r.Status == ReferralStatus.Completed || NotCompleted.Contains(r.Status));

    private IQueryable<NationalOutcome> Comparison(NationalFilter filter)
    {
        var comparison = model.Db.NationalOutcomes.AsNoTracking().Where(o => o.Cohort == FollowUpCohort.EligibleNotReferred);
        if (filter.Tenant is { } tenant)
            comparison = comparison.Where(o => model.Db.Tenants.Any(t => t.Id == o.TenantId && t.Slug == tenant));
        return comparison;
    }

    private static OutcomeGroup GroupOf(ReferralStatus status) =>
        status == ReferralStatus.Completed ? OutcomeGroup.Completers : OutcomeGroup.NonCompleters;

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
        var findings = await followUps.FindingsAsync(filter, cancellationToken);
        var columns = ReoffendingFollowUp.Windows.SelectMany(m => new NationalColumn[]
        {
            new($"followed-up-{m}", $"Followed up ({m} months)"),
            new($"reoffended-{m}", $"Reoffended ({m} months)"),
            new($"rate-{m}", $"Reoffending rate ({m} months)", CellKind.Percent),
        }).ToList();
        var rows = OutcomeFollowUps.Groups.Select(g => new NationalRow(g.Key, g.Label, [.. ReoffendingFollowUp.Windows.SelectMany(m =>
        {
            var window = findings.Where(f => f.Group == g.Group && f.Months == m).ToList();
            var (followedUp, reoffended) = (window.Sum(f => f.Count), window.Where(f => f.Reoffended).Sum(f => f.Count));
            return new[] { NationalCell.Count(followedUp), NationalCell.Count(reoffended), NationalCell.Percent(reoffended, followedUp) };
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
        var findings = await followUps.FindingsAsync(filter, cancellationToken);
        var columns = ReoffendingFollowUp.Windows.SelectMany(m => new NationalColumn[]
        {
            new($"followed-up-{m}", $"Followed up ({m} months)"),
            new($"harm-{m}", $"Harm per 100 followed up ({m} months)", CellKind.Number),
        }).ToList();
        var rows = OutcomeFollowUps.Groups.Select(g => new NationalRow(g.Key, g.Label, [.. ReoffendingFollowUp.Windows.SelectMany(m =>
        {
            var window = findings.Where(f => f.Group == g.Group && f.Months == m).ToList();
            var followedUp = window.Sum(f => f.Count);
            var harm = window.Sum(f => f.Count * f.OffenceTypes.Sum(weights.Value.WeightOf));
            return new[] { NationalCell.Count(followedUp), NationalCell.Number(followedUp == 0 ? null : 100m * harm / followedUp, followedUp) };
        })])).ToList();
        return new NationalTable(Id, Title, "Group", columns, rows, [],
            new NationalChart(ChartKind.Bar, Columns: [.. ReoffendingFollowUp.Windows.Select(m => $"harm-{m}")]),
            "Each reoffender's offence types weighted by National:HarmWeights (a Crime Harm Index-like table of days in custody). " + OutcomeFollowUps.GroupNote);
    }
}
