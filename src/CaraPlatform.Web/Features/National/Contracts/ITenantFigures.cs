using CaraPlatform.Domain.National;

namespace CaraPlatform.Web.Features.National.Contracts;

/// <summary>
/// One tenant's share of the national data, for the tenant's own reports: the same suppressed tables the dashboard
/// shows for the same filter, so that a force report and the dashboard never disagree.
/// </summary>
public interface ITenantFigures
{
    /// <summary>Every national table for the tenant's referrals received in <paramref name="month"/>'s month, suppressed.</summary>
    Task<IReadOnlyList<NationalTable>> OfMonthAsync(string tenant, DateOnly month, CancellationToken cancellationToken);
}
