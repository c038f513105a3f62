using System.ComponentModel.DataAnnotations;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Infrastructure.Events;

/// <summary>How the relay works, bound from <c>TenantEvents:Relay</c>.</summary>
public sealed class TenantEventRelayOptions
{
    public const string Section = "TenantEvents:Relay";

    /// <summary>False stops this instance's relay (another instance, or a test driving rounds itself, does the work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The pause between rounds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How often a round visits every tenant; between sweeps a round visits only the tenants the outbox's trigger told
    /// of (<see cref="TenantEventSignal"/>), and none when none was.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Events handed to a consumer at once; a round goes on until the consumer has caught up.</summary>
    [Range(1, 5000)]
    public int BatchSize { get; set; } = 200;
}

/// <summary>Tenants with new events: a trigger on <c>tenant_events</c> notifies <see cref="ChannelName"/> with the tenant's id.</summary>
public sealed class TenantEventSignal(TimeProvider clock, IOptions<TenantEventRelayOptions> options) : TenantSignal(clock)
{
    public const string ChannelName = "cara_tenant_events";

    public override string Channel => ChannelName;

    protected override TimeSpan SweepInterval => options.Value.SweepInterval;
}

/// <summary>What a round did for one tenant: events applied (summed over consumers) and the consumers that failed.</summary>
public sealed record RelayedTenant(int Applied, IReadOnlyList<string> FailedConsumers);

/// <summary>
/// Feeds every tenant's event stream to every registered <see cref="ITenantEventConsumer"/>, tenant by tenant through
/// the <see cref="TenantRunner"/>: in the background, the tenants told of by <see cref="TenantEventSignal"/> each
/// second and every tenant each <see cref="TenantEventRelayOptions.SweepInterval"/>. For each tenant and consumer a batch is one transaction: lock the consumer's cursor
/// row (<c>FOR UPDATE SKIP LOCKED</c>, so any number of instances may run the relay and never two work the same
/// cursor), read the events after it, let the consumer apply them, move the cursor, commit.
/// </summary>
public sealed partial class TenantEventRelay(
    IDbContextFactory<CaraDbContext> contexts,
    TenantRunner tenants,
    TenantEventSignal signal,
    IEnumerable<ITenantEventConsumer> consumers,
    IOptions<TenantEventRelayOptions> options,
    TimeProvider clock,
    ILogger<TenantEventRelay> logger) : PollingService(logger)
{
    private readonly IReadOnlyList<ITenantEventConsumer> _consumers = [.. consumers];

    private TenantEventRelayOptions Options => options.Value;

    protected override bool Enabled => Options.Enabled;

    protected override string EnabledSetting => $"{TenantEventRelayOptions.Section}:Enabled";

    protected override TimeSpan PollInterval => Options.PollInterval;

    protected override TimeProvider Clock => clock;

    // Each round catches every consumer up, so nothing is left waiting for an early next round.
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        if (signal.TakeRound() is { } only)
            await tenants.RunAsync("Relaying tenant events", (info, _, ct) => RelayTenantAsync(info, ct), only, cancellationToken);
        return false;
    }

    /// <summary>
    /// One round: every consumer catches up with every active tenant (or only <paramref name="tenant"/>, by slug). Public
    /// so that tests and tools can drive rounds one at a time.
    /// </summary>
    public Task<TenantRun<RelayedTenant>> RunOnceAsync(string? tenant = null, CancellationToken cancellationToken = default) =>
        tenants.RunAsync("Relaying tenant events", (info, _, ct) => RelayTenantAsync(info, ct),
            tenant is null ? null : t => t.Identifier == tenant, cancellationToken);

    private async Task<RelayedTenant> RelayTenantAsync(CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        var applied = 0;
        var failed = new List<string>();
        foreach (var consumer in _consumers)
        {
            try
            {
                int batch;
                do
                {
                    batch = await RelayBatchAsync(tenant, consumer, cancellationToken);
                    applied += batch;
                }
                while (batch == Options.BatchSize);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                LogConsumerFailed(ex, consumer.Name, tenant.Identifier);
                failed.Add(consumer.Name);
            }
        }

        return new RelayedTenant(applied, failed);
    }

    /// <summary>One batch in one transaction; returns how many events the consumer applied (0 when another instance holds the cursor).</summary>
    private async Task<int> RelayBatchAsync(CaraTenantInfo tenant, ITenantEventConsumer consumer, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var name = consumer.Name;
        // Each statement names the tenant, as EF Core's filter would: row-level security alone keeps the rows right, but a
        // database distributed by tenant_id (DESIGN §2) routes a statement by what it says.
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO tenant_event_cursors (tenant_id, id, consumer, last_transaction_id, last_event_id)
            VALUES ({tenant.TenantId}, {Guid.CreateVersion7()}, {name}, '0', {Guid.Empty})
            ON CONFLICT (tenant_id, consumer) DO NOTHING
            """, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var held = await db.Database.SqlQuery<Guid>($"""
            SELECT id AS "Value" FROM tenant_event_cursors WHERE tenant_id = {tenant.TenantId} AND consumer = {name} FOR UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        if (held.Count == 0) return 0;

        // Only events of transactions older than every one still running: none can commit behind the cursor later.
        var events = await db.TenantEvents.FromSql($"""
                SELECT e.* FROM tenant_events e
                JOIN tenant_event_cursors c ON c.tenant_id = e.tenant_id AND c.consumer = {name}
                WHERE e.tenant_id = {tenant.TenantId} AND (e.transaction_id, e.id) > (c.last_transaction_id, c.last_event_id)
                  AND e.transaction_id < pg_snapshot_xmin(pg_current_snapshot())
                """)
            .AsNoTracking().OrderBy(e => e.TransactionId).ThenBy(e => e.Id).Take(Options.BatchSize)
            .ToListAsync(cancellationToken);
        if (events.Count == 0) return 0;

        await consumer.HandleAsync(tenant, events, db, cancellationToken);
        await db.Database.ExecuteSqlAsync($"""
            UPDATE tenant_event_cursors c SET last_transaction_id = e.transaction_id, last_event_id = e.id
            FROM tenant_events e
            WHERE c.tenant_id = {tenant.TenantId} AND c.consumer = {name} AND e.tenant_id = c.tenant_id AND e.id = {events[^1].Id}
            """, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return events.Count;
    }

    [LoggerMessage(LogLevel.Error, "Tenant event consumer {Consumer} failed for tenant {Tenant}; its cursor stays and the batch is tried again next round.")]
    private partial void LogConsumerFailed(Exception exception, string consumer, string tenant);
}

public static class TenantEventRegistration
{
    /// <summary>The relay (a hosted service) and its options; the platform calls this once.</summary>
    public static IServiceCollection AddTenantEvents(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TenantEventRelayOptions>().Bind(configuration.GetSection(TenantEventRelayOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TenantEventSignal>();
        services.AddSingleton<IDatabaseNotificationHandler>(sp => sp.GetRequiredService<TenantEventSignal>());
        services.AddHostedSingleton<TenantEventRelay>();
        return services.AddTenantEventConsumer<TenantEventLog>();
    }

    /// <summary>Registers a consumer of every tenant's events (see <see cref="ITenantEventConsumer"/>).</summary>
    public static IServiceCollection AddTenantEventConsumer<TConsumer>(this IServiceCollection services)
        where TConsumer : class, ITenantEventConsumer =>
        services.AddSingleton<ITenantEventConsumer, TConsumer>();
}
