using Microsoft.Extensions.Logging;

namespace CaraPlatform.Infrastructure.Events;

/// <summary>
/// The smallest consumer, and the example to copy: one log line per event (tenant, type, version, event id, aggregate
/// id; never the payload), so an operator can follow what happened in a tenant. Logging an event twice after a crash
/// is harmless, so it needs no dedupe of its own.
/// </summary>
public sealed partial class TenantEventLog(ILogger<TenantEventLog> logger) : ITenantEventConsumer
{
    public string Name => "event-log";

    public Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events) LogEvent(tenant.Identifier, e.Type, e.Version, e.Id, e.AggregateId, e.OccurredAt);
        return Task.CompletedTask;
    }

    [LoggerMessage(LogLevel.Information, "Tenant {Tenant}: {EventType} v{EventVersion} {EventId} about {AggregateId} at {OccurredAt:O}")]
    private partial void LogEvent(string tenant, string eventType, int eventVersion, Guid eventId, Guid aggregateId, DateTimeOffset occurredAt);
}
