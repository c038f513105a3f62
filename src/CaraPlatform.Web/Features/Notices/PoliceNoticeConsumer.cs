using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Events;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// Turns the referral events the police may be told of (<see cref="PoliceNoticeRules"/>) into police notices, which
/// <see cref="NoticeDispatcher"/> then delivers. A notice takes its event's id, so an event applied twice (a cursor set
/// back, a batch retried) still makes one notice, and the id the webhook carries is the event's.
/// </summary>
public sealed class PoliceNoticeConsumer : ITenantEventConsumer
{
    public string Name => "police-notices";

    public async Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(db);
        var notices = new List<(Guid Id, ReferralEvent Event, ReferralNotice Notice)>();
        foreach (var tenantEvent in events)
        {
            if (tenantEvent.Read() is ReferralEvent referralEvent && PoliceNoticeRules.NoticeFor(referralEvent) is { } notice)
                notices.Add((tenantEvent.Id, referralEvent, notice));
        }

        if (notices.Count == 0) return;
        var ids = notices.Select(n => n.Id).ToList();
        var existing = (await db.PoliceNotices.Where(n => ids.Contains(n.Id)).Select(n => n.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var (id, referralEvent, notice) in notices.Where(n => !existing.Contains(n.Id)))
        {
            db.PoliceNotices.Add(new PoliceNotice
            {
                Id = id,
                ReferralId = referralEvent.Referral.Id,
                Type = notice.Type,
                OccurredAt = notice.At,
                Payload = PoliceNoticePayload.Build(id, tenant.Identifier, referralEvent.Referral, notice),
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
