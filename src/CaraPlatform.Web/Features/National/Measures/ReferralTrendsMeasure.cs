using System.Globalization;
using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Measures;

/// <summary>Referrals received each month, one row per referring force: the monthly trend per force.</summary>
public sealed class ReferralTrendsMeasure(NationalReadModel model, NationalChoicesQuery choices) : INationalMeasure
{
    public string Id => "referral-trends";

    public string Title => "Referrals each month by force";

    public string Section => "Referrals";

    public int Order => 110;

    public async Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var counts = await model.Referrals(filter)
            .GroupBy(r => new { r.ForceCode, r.Month })
            .Select(g => new { g.Key.ForceCode, g.Key.Month, Count = g.LongCount() })
            .ToListAsync(cancellationToken);
        var names = await choices.GetAsync(cancellationToken);
        var months = Months(filter, counts.Select(c => c.Month).ToList());
        var cells = counts.ToDictionary(c => (c.ForceCode, c.Month), c => c.Count);
        var rows = counts.Select(c => c.ForceCode).Distinct()
            .Select(code => (Key: code, Label: names.ForceName(code)))
            .OrderBy(f => f.Label, StringComparer.Ordinal)
            .Select(f => (f.Key, f.Label, (IReadOnlyList<long>)[.. months.Select(m => cells.GetValueOrDefault((f.Key, m)))]))
            .ToList();
        return NationalTable.Crosstab(Id, Title, "Force",
            [.. months.Select(m => new NationalColumn(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.ToString("MMM yyyy", CultureInfo.InvariantCulture)))],
            rows, new NationalChart(ChartKind.Line), "By the month the provider received the referral.");
    }

    /// <summary>Every month of the filter's period, or of the referrals found when the period is open, gaps included.</summary>
    private static List<DateOnly> Months(NationalFilter filter, List<DateOnly> found)
    {
        var first = filter.From is { } from ? NationalReadModel.MonthOf(from) : found.DefaultIfEmpty().Min();
        var last = filter.To is { } to ? NationalReadModel.MonthOf(to) : found.DefaultIfEmpty().Max();
        var months = new List<DateOnly>();
        if (found.Count == 0 && (filter.From is null || filter.To is null)) return months;
        for (var month = first; month <= last; month = month.AddMonths(1)) months.Add(month);
        return months;
    }
}
