using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Infrastructure.Identity;

public sealed record AuditEntry(
    string Action, string Outcome, Guid? TenantId = null, Guid? ActorUserId = null, string? ActorClientId = null,
    string? Subject = null, string? IpAddress = null);

/// <summary>Writes audit events in a context of their own, so that an event is kept even when the caller's change fails.</summary>
public sealed class AuditTrail(IDbContextFactory<CaraDbContext> contexts, TimeProvider clock)
{
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.AuditEvents.Add(new AuditEvent
        {
            OccurredAt = clock.GetUtcNow(),
            Action = entry.Action,
            Outcome = entry.Outcome,
            TenantId = entry.TenantId,
            ActorUserId = entry.ActorUserId,
            ActorClientId = entry.ActorClientId,
            Subject = entry.Subject,
            IpAddress = entry.IpAddress,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
