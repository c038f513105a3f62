using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The event stream's part of a retention erasure: each event about the referral carries its police reference and
/// the reasons given at each move, so its payload is replaced by the erased form (<see cref="TenantEventTypes.ErasedPayload"/>).
/// The rows stay, so the stream and its consumers' cursors are as they were. Events are otherwise never changed, so
/// the payload is set through the change tracker rather than through the entity.
/// </summary>
public sealed class ReferralEventEraser : IPersonalDataEraser
{
    public async Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var events = await db.TenantEvents.Where(e => e.AggregateId == referralId).ToListAsync(cancellationToken);
        if (events.Count == 0) return [];
        foreach (var tenantEvent in events)
            db.Entry(tenantEvent).Property(e => e.Payload).CurrentValue = TenantEventTypes.ErasedPayload(tenantEvent);
        return ["event payloads"];
    }
}
