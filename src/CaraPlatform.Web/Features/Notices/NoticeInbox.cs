using System.Text.Json;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Notices;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The SPOC inbox of the current tenant, for the API and the portal alike. What a notice shows comes from its payload
/// only, so the inbox can never show more than the police were sent. Each page shown is audited.
/// </summary>
public sealed class NoticeInbox(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit, TimeProvider clock)
{
    /// <summary>A page of the inbox as the inbox shows it; the view is audited.</summary>
    public async Task<NoticePageResponse> PageAsync(KeysetCursor? cursor, int limit, bool unreadOnly, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var page = await LatestAsync(cursor, limit, unreadOnly, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.NoticesViewed, tenants.MultiTenantContext.TenantInfo!.TenantId, "notices:list",
            $"{page.Items.Count} notices{(unreadOnly ? ", unread only" : "")}"), cancellationToken);
        return page;
    }

    /// <summary>
    /// Notices in the inbox, newest first; only unread ones when <paramref name="unreadOnly"/>. Not audited: for a page
    /// that audits what it shows as a whole (the home page).
    /// </summary>
    public async Task<NoticePageResponse> LatestAsync(KeysetCursor? cursor, int limit, bool unreadOnly, CancellationToken cancellationToken)
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

    public async Task<int?> UnreadForAsync(IReadOnlyCollection<TenantRole> roles, CancellationToken cancellationToken) =>
        roles.Intersect(NoticeAccess.InboxReaders).Any() ? await UnreadCountAsync(cancellationToken) : null;

    /// <summary>Marks a notice read; reading it again changes nothing. False when the inbox has no such notice.</summary>
    public async Task<bool> MarkReadAsync(Guid noticeId, CancellationToken cancellationToken)
    {
        // One statement, so a concurrent dispatcher write to the same row neither blocks on nor undoes it.
        var changed = await db.PoliceNotices
            .Where(n => n.Id == noticeId && n.InboxDeliveredAt != null && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, clock.GetUtcNow()), cancellationToken);
        return changed > 0 || await db.PoliceNotices.AnyAsync(n => n.Id == noticeId && n.InboxDeliveredAt != null, cancellationToken);
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
