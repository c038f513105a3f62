namespace CaraPlatform.Domain.QaReviews;

/// <summary>A facilitator and the last day a submitted review observed them (null: never).</summary>
public sealed record FacilitatorCoverage(Guid UserId, DateOnly? LastObservedOn, bool Due);

/// <summary>
/// The coverage target: every active facilitator observed at least once within a window of months (12 by default). A
/// facilitator is due when never observed, or when their last observation is older than the window.
/// </summary>
public static class ObservationCoverage
{
    public const int DefaultWindowMonths = 12;

    /// <summary>Each facilitator's coverage as of <paramref name="today"/>, the due first, then by longest since observed.</summary>
    public static IReadOnlyList<FacilitatorCoverage> Of(
        IEnumerable<Guid> facilitators, IEnumerable<QaReview> reviews, DateOnly today, int windowMonths = DefaultWindowMonths)
    {
        ArgumentNullException.ThrowIfNull(facilitators);
        ArgumentNullException.ThrowIfNull(reviews);
        // A draft is not yet an observation the provider has been told of: only submitted reviews count.
        var last = reviews.Where(r => r.Status != QaReviewStatus.Draft)
            .SelectMany(r => r.FacilitatorIds.Select(id => (id, r.ObservedOn)))
            .GroupBy(o => o.id).ToDictionary(g => g.Key, g => g.Max(o => o.ObservedOn));
        var since = today.AddMonths(-windowMonths);
        return [.. facilitators.Distinct()
            .Select(id => last.TryGetValue(id, out var on) ? new FacilitatorCoverage(id, on, on < since) : new FacilitatorCoverage(id, null, true))
            .OrderByDescending(c => c.Due).ThenBy(c => c.LastObservedOn ?? DateOnly.MinValue)];
    }
}
