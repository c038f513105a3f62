using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Infrastructure.Identity;

public sealed record AuditEntry(
    string Action, string Outcome, Guid? TenantId = null, Guid? ActorUserId = null, string? ActorClientId = null,
    string? Subject = null, string? IpAddress = null, string? Detail = null, string? Reason = null);

/// <summary>
/// The audit trail (DPA 2018 s.62), written one of two ways by what the event is about. A change is audited with
/// <see cref="Stage"/> on the context that makes it, so the event commits with the change or not at all. What has no
/// change of ours to ride on (a sign-in, a refusal, a view) is written at once by <see cref="RecordAsync"/>, in a
/// context of its own, so that it is kept whatever the caller does next.
/// </summary>
public sealed class AuditTrail(IDbContextFactory<CaraDbContext> contexts, TimeProvider clock)
{
    /// <summary>Adds the event to <paramref name="db"/>: it is written by the caller's SaveChanges, in its transaction.</summary>
    public void Stage(CaraDbContext db, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.AuditEvents.Add(ToEvent(entry));
    }

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        // One statement run for its row count, so the tenant setting rides ahead of it in the same round trip: every
        // view of a record writes one of these (through SaveChanges it took two).
        var e = ToEvent(entry);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO audit_events (id, occurred_at, action, outcome, tenant_id, actor_user_id, actor_client_id, subject, ip_address, detail, reason)
            VALUES ({e.Id}, {e.OccurredAt}, {e.Action}, {e.Outcome}, {e.TenantId}, {e.ActorUserId}, {e.ActorClientId}, {e.Subject}, {e.IpAddress},
                    {e.Detail}, {e.Reason})
            """, cancellationToken);
    }

    private AuditEvent ToEvent(AuditEntry entry) => new()
    {
        OccurredAt = clock.GetUtcNow(),
        Action = entry.Action,
        Outcome = entry.Outcome,
        TenantId = entry.TenantId,
        ActorUserId = entry.ActorUserId,
        ActorClientId = entry.ActorClientId,
        Subject = entry.Subject,
        IpAddress = entry.IpAddress,
        Detail = entry.Detail,
        Reason = entry.Reason,
    };
}
