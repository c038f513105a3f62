using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Notices;

namespace CaraPlatform.Web.Features.Notices;

public enum ReplayOutcome
{
    Replayed,
    NotFound,
    NotReplayable,
}

/// <summary>The current tenant's webhook delivery log and its replays, for the API and the portal alike.</summary>
public sealed class WebhookDeliveryLog(CaraDbContext db, AuditTrail audit)
{
    /// <summary>Every notice's way to the webhook with each attempt made, newest notice first; only those in <paramref name="state"/> when given.</summary>
    public async Task<DeliveryPageResponse> PageAsync(
        KeysetCursor? cursor, int limit, WebhookDeliveryState? state, CancellationToken cancellationToken)
    {
        var query = db.PoliceNotices.AsNoTracking();
        if (state is { } wanted) query = query.Where(n => n.WebhookState == wanted);
        if (cursor is { } after)
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.OccurredAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        var notices = await query.OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id)
            .Take(limit + 1)
            .Select(n => new { n.Id, n.Type, n.OccurredAt, n.ReferralId, n.WebhookState, n.WebhookAttempts, n.NextAttemptAt, n.WebhookDeliveredAt })
            .ToListAsync(cancellationToken);
        var ids = notices.Take(limit).Select(n => n.Id).ToList();
        var attempts = (await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => ids.Contains(a.NoticeId)).ToListAsync(cancellationToken))
            .ToLookup(a => a.NoticeId);
        var items = notices.Take(limit).Select(n => new DeliveryResponse(
            n.Id, n.Type.EventName(), n.OccurredAt, n.ReferralId, n.WebhookState, n.WebhookAttempts, n.NextAttemptAt, n.WebhookDeliveredAt,
            [.. attempts[n.Id].OrderBy(a => a.Attempt).Select(a => new DeliveryAttemptResponse(
                a.Attempt, a.AttemptedAt, a.Url, a.StatusCode, a.Succeeded, a.Error, a.DurationMs))])).ToList();
        var next = notices.Count > limit ? new KeysetCursor(notices[limit - 1].OccurredAt, notices[limit - 1].Id).ToString() : null;
        return new DeliveryPageResponse(items, next);
    }

    /// <summary>How many notices are in each delivery state (states with none left out).</summary>
    public async Task<IReadOnlyDictionary<WebhookDeliveryState, int>> CountByStateAsync(CancellationToken cancellationToken) =>
        await db.PoliceNotices.AsNoTracking().GroupBy(n => n.WebhookState).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>
    /// Sends a Delivered or Failed notice to the webhook again, as a fresh round of attempts with the same event id
    /// and the same body. Audited: it discloses the notice to the receiver once more.
    /// </summary>
    public async Task<(ReplayOutcome Outcome, WebhookDeliveryState? State)> ReplayAsync(
        Guid noticeId, Guid? actorUserId, string? actorClientId, string? ipAddress, CancellationToken cancellationToken)
    {
        var notice = await db.PoliceNotices.SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null) return (ReplayOutcome.NotFound, null);
        if (notice.WebhookState is not (WebhookDeliveryState.Failed or WebhookDeliveryState.Delivered))
            return (ReplayOutcome.NotReplayable, notice.WebhookState);

        var previous = notice.WebhookState;
        notice.WebhookState = WebhookDeliveryState.Pending;
        notice.WebhookAttempts = 0;
        notice.NextAttemptAt = null;
        notice.WebhookDeliveredAt = null;
        audit.Stage(db, new AuditEntry(
            AuditActions.WebhookReplayed, "success", db.CurrentTenantId, actorUserId, actorClientId,
            Subject: $"notice {notice.Id} ({notice.Type.EventName()}, was {previous})", IpAddress: ipAddress));
        await db.SaveChangesAsync(cancellationToken);
        return (ReplayOutcome.Replayed, notice.WebhookState);
    }
}
