using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>
/// The review worklist and the erasure log of the route's tenant: what the ProviderAdmin and the data-protection officer
/// read and decide. Keeping a case and agreeing to its erasure are audited with the reviewer's reason.
/// </summary>
public sealed class RetentionWorklist(
    CaraDbContext db, AuditTrail audit, IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock)
{
    public const int DefaultPageSize = 50;

    public const int MaxPageSize = 200;

    private CaraTenantInfo Tenant => tenants.Current();

    /// <summary>The closed cases under review, by erasure date; a view of their police references, audited.</summary>
    public async Task<RetentionWorklistResponse> CasesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var schedule = Tenant.Settings.Retention;
        var rows = await (
            from review in db.RetentionReviews.AsNoTracking()
            join referral in db.Referrals.AsNoTracking() on review.ReferralId equals referral.Id
            select new { review, referral.PoliceReference, referral.Status }).ToListAsync(cancellationToken);
        var cases = rows
            .Select(r => new RetentionReviewResponse(
                r.review.ReferralId, r.PoliceReference, r.Status, r.review.ClosedOn, schedule.ReviewDueOn(r.review.ClosedOn),
                r.review.EraseDueOn(schedule), r.review.KeptMonths, r.review.Decision, r.review.Reason, r.review.DecidedAt, r.review.Version))
            .OrderBy(c => c.EraseDueOn).ThenBy(c => c.ReferralId).ToList();
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.RetentionWorklistViewed, Tenant.TenantId, "retention:list", $"{cases.Count} cases"), cancellationToken);
        return new RetentionWorklistResponse(schedule, cases);
    }

    /// <summary>Keeps a listed case <see cref="KeepCaseRequest.Months"/> beyond its erasure date; 404 when the case is not on the worklist.</summary>
    public async Task KeepAsync(Guid referralId, KeepCaseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var review = await ListedAsync(referralId, request.Version, cancellationToken);
        review.Keep(request.Months, request.Reason!, user.PersonId()!.Value, clock.GetUtcNow());
        audit.Stage(db, AuditEntries.By(user, AuditActions.RetentionKept, Tenant.TenantId, AuditEntries.Referral(referralId),
            $"kept {request.Months} more months; erasure due {review.EraseDueOn(Tenant.Settings.Retention):yyyy-MM-dd}", review.Reason));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Agrees that a listed case is erased at its due date; 404 when the case is not on the worklist.</summary>
    public async Task AgreeToEraseAsync(Guid referralId, AgreeToEraseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var review = await ListedAsync(referralId, request.Version, cancellationToken);
        review.AgreeToErase(user.PersonId()!.Value, clock.GetUtcNow());
        audit.Stage(db, AuditEntries.By(user, AuditActions.RetentionErasureAgreed, Tenant.TenantId, AuditEntries.Referral(referralId),
            $"erasure due {review.EraseDueOn(Tenant.Settings.Retention):yyyy-MM-dd}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<ErasurePageResponse> ErasuresAsync(KeysetCursor? cursor, int limit, CancellationToken cancellationToken)
    {
        var query = db.ErasureLog.AsNoTracking();
        if (cursor is { } after)
            query = query.Where(e => EF.Functions.LessThan(ValueTuple.Create(e.ErasedAt, e.Id), ValueTuple.Create(after.At, after.Id)));
        var entries = await query.OrderByDescending(e => e.ErasedAt).ThenByDescending(e => e.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var items = entries.Take(limit).Select(e => new ErasureResponse(e.ReferralId, e.ErasedAt, e.Action, e.Rule, e.Categories)).ToList();
        var next = entries.Count > limit ? new KeysetCursor(entries[limit - 1].ErasedAt, entries[limit - 1].Id).ToString() : null;
        return new ErasurePageResponse(items, next);
    }

    private async Task<RetentionReview> ListedAsync(Guid referralId, uint? version, CancellationToken cancellationToken)
    {
        var review = await db.RetentionReviews.SingleOrDefaultAsync(r => r.ReferralId == referralId, cancellationToken)
            ?? throw ProblemException.NotFound("The case is not on the retention worklist");
        if (review.Version != version) throw new DbUpdateConcurrencyException("The worklist entry changed since it was read.");
        return review;
    }
}
