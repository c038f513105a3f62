using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Web.Features.National.Contracts;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>
/// The tenant's side of quality assurance, for its ProviderAdmin: its own reviews once submitted (a draft is the
/// reviewer's until then; another tenant's review is not found), the acknowledgement and each action's evidence.
/// </summary>
public sealed class TenantQaReviews(
    CaraDbContext db, IRunFacts runs, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit, TimeProvider clock)
{
    private Guid TenantId => tenants.Current().TenantId;

    private DateOnly Today => UkCalendar.DateOf(clock.GetUtcNow());

    public async Task<IReadOnlyList<QaReviewSummary>> ListAsync(CancellationToken cancellationToken)
    {
        var tenantId = TenantId;
        var reviews = await Visible().AsNoTracking().OrderByDescending(r => r.ObservedOn).ToListAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken);
        var ids = reviews.SelectMany(r => r.FacilitatorIds).ToList();
        var people = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. reviews.Select(r => QaReviewViews.Summary(r, tenant.Slug, tenant.Name, people, Today))];
    }

    public async Task<QaReviewResponse?> FindAsync(Guid reviewId, CancellationToken cancellationToken) =>
        await Visible().AsNoTracking().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken) is { } review
            ? await QaReviewViews.DescribeAsync(db, runs, review, Today, cancellationToken)
            : null;

    /// <summary>How many actions of the service's reviews are overdue today, for its home banner.</summary>
    public async Task<int> OverdueActionsAsync(CancellationToken cancellationToken) =>
        (await Visible().AsNoTracking().Where(r => r.Status == QaReviewStatus.Submitted || r.Status == QaReviewStatus.Acknowledged)
            .ToListAsync(cancellationToken)).Sum(r => r.OverdueActions(Today).Count);

    /// <summary>Reviews submitted and not yet acknowledged, for the ProviderAdmin's home.</summary>
    public Task<int> AwaitingAcknowledgementAsync(CancellationToken cancellationToken) =>
        Visible().CountAsync(r => r.Status == QaReviewStatus.Submitted, cancellationToken);

    public async Task<QaReviewResponse> AcknowledgeAsync(Guid reviewId, AcknowledgeQaReviewRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await LoadAsync(reviewId, request.Version!.Value, cancellationToken);
        QaReviewHandler.Refused(() => review.Acknowledge(caller.PersonId()!.Value, request.Response, clock.GetUtcNow()));
        return await SaveAsync(review, "acknowledged", caller, cancellationToken);
    }

    public async Task<QaReviewResponse> RecordEvidenceAsync(
        Guid reviewId, Guid actionId, QaEvidenceRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var review = await LoadAsync(reviewId, request.Version!.Value, cancellationToken);
        QaReviewHandler.Refused(() => review.RecordEvidence(actionId, request.Evidence!, caller.PersonId()!.Value, clock.GetUtcNow()));
        return await SaveAsync(review, "evidence-recorded", caller, cancellationToken);
    }

    /// <summary>The licence holder's table holds every tenant's reviews: this service sees its own, once submitted.</summary>
    private IQueryable<QaReview> Visible()
    {
        var tenantId = TenantId;
        return db.QaReviews.Where(r => r.TenantId == tenantId && r.Status != QaReviewStatus.Draft);
    }

    private async Task<QaReview> LoadAsync(Guid reviewId, uint version, CancellationToken cancellationToken)
    {
        var review = await Visible().SingleOrDefaultAsync(r => r.Id == reviewId, cancellationToken) ?? throw ProblemException.NotFound("Review not found");
        db.Entry(review).Property(r => r.Version).OriginalValue = version;
        return review;
    }

    private async Task<QaReviewResponse> SaveAsync(QaReview review, string outcome, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        audit.Stage(db, new AuditEntry(AuditActions.QaReviewChanged, outcome, review.TenantId, caller.PersonId(), Subject: review.Id.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return await QaReviewViews.DescribeAsync(db, runs, review, Today, cancellationToken);
    }
}
