using CaraPlatform.Domain.Events;

namespace CaraPlatform.Infrastructure.Events;

/// <summary>
/// One domain event in the tenant's event stream (<c>tenant_events</c>), written by <see cref="TenantEventOutbox"/> in
/// the same transaction as the change it reports and never changed afterwards, but for its payload's erasure when
/// retention erases its case (<see cref="TenantEventTypes.ErasedPayload"/>). Consumers read the stream in
/// (<see cref="TransactionId"/>, <see cref="Id"/>) order through <see cref="TenantEventRelay"/>.
/// </summary>
public sealed class TenantEvent : ITenantOwned
{
    public const int TypeMaxLength = 100;

    public Guid TenantId { get; set; }

    /// <summary>UUIDv7 of when it happened; consumers deduplicate on it (a police notice takes it as its own id).</summary>
    public Guid Id { get; init; }

    /// <summary>The event type's stable name, e.g. <c>referral.returned-ineligible</c>.</summary>
    public required string Type { get; init; }

    public required int Version { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The referral, run, feedback or membership it is about.</summary>
    public required Guid AggregateId { get; init; }

    /// <summary>The event record as JSON (jsonb).</summary>
    public required string Payload { get; init; }

    /// <summary>
    /// The writing transaction's id (<c>xid8</c>), set by the database. A reader takes only events of transactions
    /// older than every transaction still running, so an event committed late can never land behind its cursor.
    /// </summary>
    public ulong TransactionId { get; private set; }

    /// <summary>The event as its record type, or null for a type or version this build does not know or a payload erased by retention.</summary>
    public IDomainEvent? Read() => TenantEventTypes.Deserialize(Type, Version, Payload);
}

/// <summary>How far one consumer has read one tenant's stream: the last event it applied (<c>tenant_event_cursors</c>).</summary>
public sealed class TenantEventCursor : ITenantOwned
{
    public const int ConsumerMaxLength = 100;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The consumer's <see cref="ITenantEventConsumer.Name"/>.</summary>
    public required string Consumer { get; init; }

    public ulong LastTransactionId { get; set; }

    public Guid LastEventId { get; set; }
}
