using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>Referrals returned to the police, by force: as ineligible, as uncontactable, or not returned.</summary>
public sealed class EligibilityReturns(NationalReadModel model) : INationalMeasure
{
    public string Id => "eligibility-returns";

    public string Title => "Referrals returned to the police";

    public string Section => "Funnel";

    public int Order => 210;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        var counts = await model.Referrals(filter)
            .GroupBy(r => new { r.ForceCode, r.ReturnedAs })
            .Select(g => new { g.Key.ForceCode, g.Key.ReturnedAs, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        ReferralStatus?[] returnedAs = [null, ReferralStatus.ReturnedIneligible, ReferralStatus.ReturnedUncontactable];
        var rows = counts.Select(c => c.ForceCode).Distinct().Order(StringComparer.Ordinal)
            .Select(force => (force, force, (IReadOnlyList<long>)
                [.. returnedAs.Select(a => counts.Where(c => c.ForceCode == force && c.ReturnedAs == a).Sum(c => c.Count))]))
            .ToList();
        return NationalTable.Crosstab(Id, Title, "Force",
            [new("not-returned", "Not returned"), new("ineligible", "Returned as ineligible"), new("uncontactable", "Returned as uncontactable")],
            rows, new NationalChart(ChartKind.StackedBar, Columns: ["ineligible", "uncontactable"]));
    }
}

/// <summary>
/// Why referrals were returned as ineligible (the eligibility rules they failed, by code), by force, and how many were
/// returned as uncontactable. A referral failing several rules counts under each, so the rows have no total.
/// </summary>
public sealed class EligibilityReturnReasons(NationalReadModel model) : INationalMeasure
{
    public const string UncontactableKey = "uncontactable";

    public string Id => "eligibility-return-reasons";

    public string Title => "Reasons referrals were returned to the police";

    public string Section => "Funnel";

    public int Order => 220;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        // Counted in the database: a tenth of a million referrals are returned, too many to count here.
        var referrals = model.Referrals(filter);
        var ineligible = await referrals
            .Where(r => r.ReturnedAs == ReferralStatus.ReturnedIneligible)
            .SelectMany(r => r.ReturnReasons.Distinct(), (r, code) => new { r.ForceCode, Reason = code })
            .GroupBy(x => new { x.ForceCode, x.Reason })
            .Select(g => new ReasonCount(g.Key.ForceCode, g.Key.Reason, g.LongCount()))
            .ToListAsync(cancellationToken);
        var uncontactable = await referrals
            .Where(r => r.ReturnedAs == ReferralStatus.ReturnedUncontactable)
            .GroupBy(r => r.ForceCode)
            .Select(g => new ReasonCount(g.Key, UncontactableKey, g.LongCount()))
            .ToListAsync(cancellationToken);
        List<ReasonCount> reasons = [.. ineligible, .. uncontactable];
        var forces = reasons.Select(r => r.ForceCode).Distinct().Order(StringComparer.Ordinal).ToList();
        var width = forces.Count;
        var rows = new List<NationalRow>();
        var sums = new List<NationalSum>();
        foreach (var (reason, index) in reasons.Select(r => r.Reason).Distinct().Order(StringComparer.Ordinal).Select((reason, index) => (reason, index)))
        {
            var counts = forces.Select(force => reasons.Where(r => r.ForceCode == force && r.Reason == reason).Sum(r => r.Count)).ToList();
            rows.Add(new NationalRow(reason, reason == UncontactableKey ? "Could not be contacted" : reason,
                [.. counts.Select(NationalCell.Count), NationalCell.Count(counts.Sum())]));
            sums.Add(new NationalSum(new CellRef(index, width), [.. Enumerable.Range(0, width).Select(c => new CellRef(index, c))]));
        }

        return new NationalTable(Id, Title, "Reason",
            [.. forces.Select(f => new NationalColumn(f, f)), new NationalColumn(NationalTable.TotalKey, "All forces")],
            rows, sums, new NationalChart(ChartKind.Bar, Columns: [NationalTable.TotalKey]),
            "Reasons are the codes of the eligibility rules failed; a referral failing several counts under each.");
    }

    private sealed record ReasonCount(string ForceCode, string Reason, long Count);
}
