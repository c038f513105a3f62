using CaraPlatform.Infrastructure.Hosting;
using CaraPlatform.Web.Features.Notices;
using CaraPlatform.Web.Tests.Features.Notices;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CaraPlatform.Web.Tests.Events;

/// <summary>
/// The relay and the notice dispatcher visit the tenants the database names (<see cref="TenantSignal"/>), and every
/// tenant at a sweep: an idle host with a thousand tenants no longer queries each of them every second.
/// </summary>
public sealed class TenantSignalTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "west-midlands";

    [Fact]
    public async Task A_round_visits_every_tenant_at_a_sweep_then_only_the_tenants_told_of_and_none_when_none_was()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var signal = new TenantEventSignal(clock, Options.Create(new TenantEventRelayOptions { SweepInterval = TimeSpan.FromMinutes(5) }));
        var (told, other) = (await fixture.Database.TenantAsync(Tenant), await fixture.Database.TenantAsync("norfolk"));
        IDatabaseNotificationHandler handler = signal;

        Assert.True(signal.TakeRound()!(other));
        Assert.Null(signal.TakeRound());

        handler.Notified(told.Id);
        var round = signal.TakeRound()!;
        Assert.True(round(told));
        Assert.False(round(other));
        Assert.Null(signal.TakeRound());

        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(signal.TakeRound()!(other));

        // Listening started again: what was written meanwhile was never told, so the next round is a sweep.
        await handler.CatchUpAsync(listeningStarted: true, CancellationToken.None);
        Assert.True(signal.TakeRound()!(other));
        await handler.CatchUpAsync(listeningStarted: false, CancellationToken.None);
        Assert.Null(signal.TakeRound());
    }

    [Fact]
    public async Task The_database_tells_of_a_tenant_s_new_events_and_police_notices()
    {
        var contexts = fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        var events = new TenantEventSignal(TimeProvider.System, Options.Create(new TenantEventRelayOptions()));
        var notices = new PoliceNoticeSignal(TimeProvider.System, Options.Create(new NoticeDispatchOptions()));
        using var listener = new DatabaseNotifications(contexts, [events, notices], NullLogger<DatabaseNotifications>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var tenant = await fixture.Database.TenantAsync(Tenant);
            await Task.Delay(500);
            // The first rounds are sweeps (nothing was listened to before): take them.
            events.TakeRound();
            notices.TakeRound();

            // A referral returned as ineligible writes its events; the police-notice consumer turns one into a notice.
            await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System);
            Assert.True(await ToldAsync(events, tenant), "No notification of the tenant's new events within 5 seconds.");
            await fixture.Relay(fixture.Web.Services.GetServices<ITenantEventConsumer>().OfType<PoliceNoticeConsumer>().Single()).RunOnceAsync(Tenant);
            Assert.True(await ToldAsync(notices, tenant), "No notification of the tenant's new police notice within 5 seconds.");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<bool> ToldAsync(TenantSignal signal, CaraTenantInfo tenant)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            if (signal.TakeRound() is { } round && round(tenant)) return true;
            await Task.Delay(20);
        }

        return false;
    }
}
