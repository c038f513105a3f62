namespace CaraPlatform.Infrastructure.Events;

/// <summary>
/// The extension point of the tenant event stream: a part of the system that must learn of the domain events of
/// every tenant (police notices now, the national read side next). Implement it and register it in the feature's
/// AddX with <see cref="TenantEventRegistration.AddTenantEventConsumer{TConsumer}"/> (a singleton: what it needs per
/// tenant comes with each call); <see cref="TenantEventRelay"/> does the rest.
/// <list type="bullet">
/// <item>A consumer keeps its own cursor per tenant, keyed by <see cref="Name"/>: a new consumer starts at the
/// tenant's first event, and renaming one starts it again.</item>
/// <item>Batches come oldest first, one tenant at a time, inside that tenant's scope (query filter and row-level
/// security hold as for a request).</item>
/// <item>Write through the context given, and call its SaveChanges: the writes and the cursor's move commit in one
/// transaction, so a crash before the commit undoes both and the same batch comes again.</item>
/// <item>Delivery is at least once: whatever a consumer does outside that context (a call, another store) may happen
/// again for the same event, and a cursor may be set back. Apply idempotently, with <see cref="TenantEvent.Id"/> as
/// the key.</item>
/// <item>Skip what is not yours: <see cref="TenantEvent.Read"/> is null for a type or version this build does not
/// declare. A consumer that throws keeps its cursor where it was (logged, tried again next round) and holds up no
/// other consumer and no other tenant.</item>
/// </list>
/// </summary>
public interface ITenantEventConsumer
{
    /// <summary>Stable, lower-case with dashes, at most <see cref="TenantEventCursor.ConsumerMaxLength"/> characters.</summary>
    string Name { get; }

    /// <summary>Applies one batch of the tenant's events, oldest first.</summary>
    Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken);
}
