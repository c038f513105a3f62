using CaraPlatform.Domain.QaReviews;

namespace CaraPlatform.Web.Features.QaReviews.Contracts;

/// <summary>What the training records ask of quality assurance: did this review observe this person.</summary>
public interface IQaObservations
{
    /// <summary>Whether <paramref name="reviewId"/> is a submitted review (not a draft) that observed <paramref name="userId"/>.</summary>
    Task<bool> ObservedAsync(Guid reviewId, Guid userId, CancellationToken cancellationToken);
}

/// <summary>The reviews' side of <see cref="IQaObservations"/>.</summary>
public sealed class QaObservations(CaraDbContext db) : IQaObservations
{
    public Task<bool> ObservedAsync(Guid reviewId, Guid userId, CancellationToken cancellationToken) =>
        db.QaReviews.AnyAsync(r => r.Id == reviewId && r.Status != QaReviewStatus.Draft && r.FacilitatorIds.Contains(userId), cancellationToken);
}
