using CaraPlatform.Web.Tests.Features.Notices;

namespace CaraPlatform.Web.Tests.Events;

/// <summary>
/// The relay and its extension point, with consumers of the tests' own. Each takes a fresh name, so it starts at the
/// tenant's first event with a cursor no other test moves.
/// </summary>
public sealed class TenantEventRelayTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "west-midlands";

    [Fact]
    public async Task The_event_log_consumer_logs_each_event_once_and_a_round_later_only_what_is_new()
    {
        var logger = new ListLogger<TenantEventLog>();
        var relay = fixture.Relay(new Renamed(new TenantEventLog(logger)));
        var (first, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);

        await relay.RunOnceAsync(Tenant);
        var lines = logger.Lines.Where(l => l.Contains(first.ToString(), StringComparison.Ordinal)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Contains(lines, l => l.StartsWith($"Tenant {Tenant}: referral.returned-ineligible v1 ", StringComparison.Ordinal));

        var (second, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
        logger.Lines.Clear();
        await relay.RunOnceAsync(Tenant);
        Assert.DoesNotContain(logger.Lines, l => l.Contains(first.ToString(), StringComparison.Ordinal));
        Assert.Equal(3, logger.Lines.Count(l => l.Contains(second.ToString(), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_consumer_that_throws_keeps_its_cursor_and_holds_up_no_other_consumer()
    {
        var (referralId, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
        var failing = new Counting { Fails = true };
        var healthy = new Counting();

        var run = await fixture.Relay(failing, healthy).RunOnceAsync(Tenant);
        var result = Assert.Single(run.Results).Result;
        Assert.Equal([failing.Name], result.FailedConsumers);
        Assert.Equal(3, healthy.Seen.Count(e => e.AggregateId == referralId));

        failing.Fails = false;
        await fixture.Relay(failing, healthy).RunOnceAsync(Tenant);
        Assert.Equal(3, failing.Seen.Count(e => e.AggregateId == referralId));
        Assert.Equal(3, healthy.Seen.Count(e => e.AggregateId == referralId));
    }

    [Fact]
    public async Task Two_relays_running_at_once_hand_each_event_to_a_consumer_once()
    {
        var (referralId, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
        var consumer = new Counting();
        var first = fixture.Relay(consumer);
        var second = fixture.Relay(consumer);

        for (var round = 0; round < 5; round++)
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync(Tenant)), Task.Run(() => second.RunOnceAsync(Tenant)));

        Assert.Equal(3, consumer.Seen.Count(e => e.AggregateId == referralId));
        Assert.DoesNotContain(consumer.Seen.GroupBy(e => e.Id), g => g.Count() > 1);
    }

    [Fact]
    public async Task An_event_of_a_transaction_still_running_holds_later_ones_back_and_is_never_skipped()
    {
        var consumer = new Counting();
        var relay = fixture.Relay(consumer);
        await relay.RunOnceAsync(Tenant);
        var tenant = await fixture.Database.TenantAsync(Tenant);

        Guid early;
        Guid late;
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var referral = Referral.Receive(ReferralBuilder.Details(tenant.Settings, $"TX/{Guid.NewGuid():N}"[..20], TimeProvider.System), tenant.Settings.Condition,
                ReferralBuilder.Coordinator, TimeProvider.System);
            early = referral.Id;
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();

            // A later transaction commits first; the relay must not move past the earlier one still running.
            (late, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
            await relay.RunOnceAsync(Tenant);
            Assert.DoesNotContain(consumer.Seen, e => e.AggregateId == late || e.AggregateId == early);

            await transaction.CommitAsync();
        }

        await relay.RunOnceAsync(Tenant);
        var order = consumer.Seen.Where(e => e.AggregateId == early || e.AggregateId == late).Select(e => e.AggregateId).ToList();
        Assert.Equal([early, late, late, late], order);
    }

    /// <summary>Records what it was given; throws while <see cref="Fails"/>, as a broken consumer would.</summary>
    private sealed class Counting : ITenantEventConsumer
    {
        public string Name { get; } = $"test-{Guid.NewGuid():N}";

        public bool Fails { get; set; }

        public ConcurrentQueue<TenantEvent> Seen { get; } = new();

        public Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken)
        {
            if (Fails) throw new InvalidOperationException("This consumer is broken today.");
            foreach (var e in events) Seen.Enqueue(e);
            return Task.CompletedTask;
        }
    }

    /// <summary>A consumer under a fresh name: its own cursor from the first event.</summary>
    private sealed class Renamed(ITenantEventConsumer inner) : ITenantEventConsumer
    {
        public string Name { get; } = $"{inner.Name}-{Guid.NewGuid():N}";

        public Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken) =>
            inner.HandleAsync(tenant, events, db, cancellationToken);
    }

    private sealed class ListLogger<T> : ILogger<T>
    {
        public List<string> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Lines) Lines.Add(formatter(state, exception));
        }
    }
}
