using System.Text.Json;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Web.Platform;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.Notices;

public enum ReplayOutcome
{
    Replayed,
    NotFound,
    NotReplayable,
}

/// <summary>
/// The SPOC inbox and the webhook delivery log of the current tenant, for the API and the portal alike. What a
/// notice shows comes from its payload only, so the inbox can never show more than the police were sent.
/// </summary>
public sealed class PoliceNotices(CaraDbContext db, AuditTrail audit, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<NoticePageResponse> InboxAsync(KeysetCursor? cursor, int limit, bool unreadOnly, CancellationToken cancellationToken)
    {
        var query = db.PoliceNotices.AsNoTracking().Where(n => n.InboxDeliveredAt != null);
        if (unreadOnly) query = query.Where(n => n.ReadAt == null);
        if (cursor is { } after)
            query = query.Where(n => EF.Functions.LessThan(ValueTuple.Create(n.OccurredAt, n.Id), ValueTuple.Create(after.At, after.Id)));
        var rows = await query.OrderByDescending(n => n.OccurredAt).ThenByDescending(n => n.Id)
            .Take(limit + 1)
            .Select(n => new { n.Id, n.Type, n.OccurredAt, n.Payload, n.ReadAt })
            .ToListAsync(cancellationToken);
        var page = rows.Take(limit).Select(n => FromPayload(n.Id, n.Type, n.OccurredAt, n.Payload, n.ReadAt is not null)).ToList();
        var next = rows.Count > limit ? new KeysetCursor(rows[limit - 1].OccurredAt, rows[limit - 1].Id).ToString() : null;
        return new NoticePageResponse(page, await UnreadCountAsync(cancellationToken), next);
    }

    public Task<int> UnreadCountAsync(CancellationToken cancellationToken) =>
        db.PoliceNotices.CountAsync(n => n.InboxDeliveredAt != null && n.ReadAt == null, cancellationToken);

    /// <summary>Marks a notice read; reading it again changes nothing. False when the inbox has no such notice.</summary>
    public async Task<bool> MarkReadAsync(Guid noticeId, CancellationToken cancellationToken)
    {
        // One statement, so a concurrent dispatcher write to the same row neither blocks on nor undoes it.
        var changed = await db.PoliceNotices
            .Where(n => n.Id == noticeId && n.InboxDeliveredAt != null && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), cancellationToken);
        return changed > 0 || await db.PoliceNotices.AnyAsync(n => n.Id == noticeId && n.InboxDeliveredAt != null, cancellationToken);
    }

    public async Task<DeliveryPageResponse> DeliveriesAsync(
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
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(
            AuditActions.WebhookReplayed, "success", db.CurrentTenantId, actorUserId, actorClientId,
            Subject: $"notice {notice.Id} ({notice.Type.EventName()}, was {previous})", IpAddress: ipAddress), cancellationToken);
        return (ReplayOutcome.Replayed, notice.WebhookState);
    }

    private static NoticeResponse FromPayload(Guid id, PoliceNoticeType type, DateTimeOffset occurredAt, string payload, bool read)
    {
        using var json = JsonDocument.Parse(payload);
        var root = json.RootElement;
        var referral = root.GetProperty("referral");
        return new NoticeResponse(
            id,
            root.GetProperty("type").GetString() ?? type.EventName(),
            type.Title(),
            root.TryGetProperty("occurredAt", out var at) ? at.GetDateTimeOffset() : occurredAt,
            referral.GetProperty("id").GetGuid(),
            referral.GetProperty("policeReference").GetString() ?? "",
            root.TryGetProperty("reason", out var reason) && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null,
            read);
    }
}
