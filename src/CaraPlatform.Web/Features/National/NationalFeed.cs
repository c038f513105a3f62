using CaraPlatform.Domain.Events;
using CaraPlatform.Infrastructure.Events;

namespace CaraPlatform.Web.Features.National;

/// <summary>One tenant event as the national read model receives it: whose, the stored row, and the event read back.</summary>
public sealed record NationalEvent(CaraTenantInfo Tenant, TenantEvent Row, IDomainEvent Event);

/// <summary>
/// Writes what one kind of event means into the national read model. Each applies only the event types it knows and
/// must be idempotent: the same event may come again (delivery is at least once, and a rebuild replays everything), so
/// set values from the event rather than add to them, and key inserted rows on the event's or aggregate's id.
/// Write through <see cref="CaraDbContext"/> given (tracked entities); the feed saves once per batch.
/// </summary>
public interface INationalProjection
{
    Task ApplyAsync(NationalEvent nationalEvent, CaraDbContext db, CancellationToken cancellationToken);
}

/// <summary>
/// The national read model's consumer of every tenant's event stream (see <see cref="ITenantEventConsumer"/>): each
/// event goes to every projection, and the batch's writes commit with the cursor's move.
/// </summary>
public sealed class NationalFeed(IEnumerable<INationalProjection> projections) : ITenantEventConsumer
{
    public const string ConsumerName = "national";

    private readonly IReadOnlyList<INationalProjection> _projections = [.. projections];

    public string Name => ConsumerName;

    public async Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(db);
        foreach (var row in events)
        {
            if (row.Read() is not { } domainEvent) continue;
            var nationalEvent = new NationalEvent(tenant, row, domainEvent);
            foreach (var projection in _projections) await projection.ApplyAsync(nationalEvent, db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
