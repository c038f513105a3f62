using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Web.Features.National.Contracts;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>A review in a list: its tenant, run, day, rating and how many of its actions are overdue today.</summary>
public sealed record QaReviewSummary(
    Guid Id, string Tenant, string TenantName, Guid RunId, DateOnly ObservedOn, ObservationMode Mode, QaReviewStatus Status, QaRating? Rating,
    IReadOnlyList<string> Facilitators, int Actions, int OverdueActions);

/// <summary>An action as both sides see it; <see cref="Overdue"/> is judged today.</summary>
public sealed record QaActionResponse(
    Guid Id, string Text, string Owner, DateOnly DueOn, bool Overdue, string? Evidence, DateTimeOffset? EvidenceAt, DateTimeOffset? VerifiedAt);

/// <summary>A review whole, with the run's facts from the national read model (null if the run is not there).</summary>
public sealed record QaReviewResponse(
    Guid Id, string Tenant, string TenantName, Guid RunId, ObservableRun? Run, ObservationMode Mode, DateOnly ObservedOn,
    IReadOnlyList<RunFacilitator> Facilitators, IReadOnlyList<QaDomainScore> Scores, QaRating? Rating, string? Findings,
    IReadOnlyList<QaActionResponse> Actions, QaReviewStatus Status, string Reviewer, DateTimeOffset? SubmittedAt, DateTimeOffset? AcknowledgedAt,
    string? Response, DateTimeOffset? ClosedAt, uint Version);

/// <summary>A run the reviewer may observe, with its tenant.</summary>
public sealed record QaRunSummary(string Tenant, string TenantName, ObservableRun Run);

/// <summary>A run's page for the reviewer: its facts, its feedback in suppressed counts, and the reviews of it.</summary>
public sealed record QaRunResponse(string Tenant, string TenantName, ObservableRun Run, IReadOnlyList<RunFeedbackCount> Feedback, IReadOnlyList<QaReviewSummary> Reviews);

/// <summary>Whether a tenant's latest rating is better, the same or worse than the one before.</summary>
public enum QaTrend { Improving, Steady, Declining }

/// <summary>A tenant on the dashboard: its latest submitted rating and the trend from the one before, and overdue actions.</summary>
public sealed record QaTenantLine(string Tenant, string TenantName, QaRating? Latest, DateOnly? LatestOn, QaTrend? Trend, int Reviews, int OverdueActions);

/// <summary>A facilitator's observation coverage (the target: once within the window).</summary>
public sealed record QaCoverageLine(string Tenant, string TenantName, Guid UserId, string Name, DateOnly? LastObservedOn, bool Due);

/// <summary>The quality-assurance dashboard: per tenant, per facilitator, against a window of <see cref="WindowMonths"/>.</summary>
public sealed record QaDashboardResponse(int WindowMonths, IReadOnlyList<QaTenantLine> Tenants, IReadOnlyList<QaCoverageLine> Coverage)
{
    public IEnumerable<QaCoverageLine> Due => Coverage.Where(c => c.Due);
}
