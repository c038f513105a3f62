using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Retention;
using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>What one tenant's retention round did: cases newly put on the worklist, and cases erased.</summary>
public sealed record RetentionRound(int Listed, int Erased);

/// <summary>
/// The retention schedule applied to the current tenant on a given day: closed cases past the review age go on the
/// worklist (once each), and listed cases past their erasure date are erased. Each erasure is one transaction: every
/// feature's <see cref="IPersonalDataEraser"/> stages its part on one context, which saves it with one audit row and one
/// erasure-log row, so a case is erased whole or not at all and a failed case is simply tried again next round.
/// </summary>
public sealed class ClosedCaseRetention(
    CaraDbContext db, IDbContextFactory<CaraDbContext> contexts, IEnumerable<IPersonalDataEraser> erasers, AuditTrail audit)
{
    private static readonly ReferralStatus[] Closed = [.. ReferralLifecycle.Terminal];

    /// <summary>
    /// One round for the current tenant, or nothing when another instance is applying the tenant's schedule: erasing
    /// two cases at once would read, add to and write the same retained count twice and lose one of the additions.
    /// The lock is the session's, so it goes with the connection should the instance die.
    /// </summary>
    public async Task<RetentionRound> ApplyAsync(RetentionSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var lockKey = $"retention:{db.CurrentTenantId}";
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_lock(hashtextextended({lockKey}, 0)) AS \"Value\"").SingleAsync(cancellationToken))
                return new RetentionRound(0, 0);
            try
            {
                var today = UkCalendar.DateOf(now);
                var listed = await ListDueForReviewAsync(schedule, now, today, cancellationToken);
                var due = (await db.RetentionReviews.AsNoTracking().ToListAsync(cancellationToken)).Where(r => r.IsDueForErasure(schedule, today)).ToList();
                foreach (var review in due)
                    await EraseAsync(review, schedule, now, cancellationToken);
                return new RetentionRound(listed, due.Count);
            }
            finally
            {
                await db.Database.SqlQuery<bool>($"SELECT pg_advisory_unlock(hashtextextended({lockKey}, 0)) AS \"Value\"").SingleAsync(CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<int> ListDueForReviewAsync(RetentionSchedule schedule, DateTimeOffset now, DateOnly today, CancellationToken cancellationToken)
    {
        // A case closes after it is received, so this narrows the search to a superset of the cases due (a few days'
        // slack for months of different lengths); the schedule's own rule decides below.
        var receivedBefore = now.AddMonths(-schedule.ReviewClosedCasesAfterMonths).AddDays(4);
        var closed = await db.Referrals.AsNoTracking()
            .Where(r => Closed.Contains(r.Status) && r.ReceivedAt < receivedBefore
                && !db.RetentionReviews.Any(v => v.ReferralId == r.Id) && !db.ErasureLog.Any(e => e.ReferralId == r.Id))
            .ToListAsync(cancellationToken);
        var listed = 0;
        foreach (var referral in closed)
        {
            var closedOn = UkCalendar.DateOf(referral.ClosedAt!.Value);
            if (schedule.ReviewDueOn(closedOn) > today) continue;
            db.RetentionReviews.Add(new RetentionReview { ReferralId = referral.Id, ClosedOn = closedOn, ListedAt = now });
            listed++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return listed;
    }

    private async Task EraseAsync(RetentionReview review, RetentionSchedule schedule, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var caseDb = await contexts.CreateDbContextAsync(cancellationToken);
        var categories = new List<string>();
        foreach (var eraser in erasers)
            categories.AddRange(await eraser.EraseAsync(caseDb, review.ReferralId, cancellationToken));
        if (schedule.Action == RetentionAction.Delete)
        {
            // Gone with the referral: every row that refers to it (victim record, bookings, notices, this worklist
            // entry) by its cascade. Its place in the counts is all that stays.
            var referral = await caseDb.Referrals.SingleAsync(r => r.Id == review.ReferralId, cancellationToken);
            await RetainCountAsync(caseDb, CaseCountKey.Of(referral), cancellationToken);
            caseDb.Referrals.Remove(referral);
            categories.Add("referral");
        }
        else
        {
            caseDb.RetentionReviews.Remove(await caseDb.RetentionReviews.SingleAsync(r => r.Id == review.Id, cancellationToken));
        }

        var rule = schedule.Rule(review.KeptMonths);
        var erased = categories.Distinct(StringComparer.Ordinal).ToList();
        caseDb.ErasureLog.Add(new ErasureLogEntry { ReferralId = review.ReferralId, ErasedAt = now, Action = schedule.Action, Rule = rule, Categories = erased });
        audit.Stage(caseDb, new AuditEntry(AuditActions.PersonalDataErased, "success", caseDb.CurrentTenantId,
            Subject: AuditEntries.Referral(review.ReferralId), Detail: string.Join(", ", erased), Reason: $"retention schedule: {rule}"));
        await caseDb.SaveChangesAsync(cancellationToken);
    }

    private static async Task RetainCountAsync(CaraDbContext caseDb, CaseCountKey key, CancellationToken cancellationToken)
    {
        var count = await caseDb.RetainedCounts.SingleOrDefaultAsync(
            c => c.MonthReceived == key.MonthReceived && c.Status == key.Status && c.Ipv == key.Ipv && c.Cohort == key.Cohort, cancellationToken);
        if (count is null)
        {
            count = RetainedCount.For(key);
            caseDb.RetainedCounts.Add(count);
        }

        count.Add();
    }
}
