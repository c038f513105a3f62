using CaraPlatform.Infrastructure.Database;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// The mail dispatcher on a database of its own (the shared host's dispatcher would take the messages), driven round
/// by round on a fake clock with transports of the test's own.
/// </summary>
public sealed class MailDispatcherTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly MailDispatchOptions Options = new() { BatchSize = 5 };

    [Fact]
    public async Task Two_dispatchers_running_at_once_send_every_message_exactly_once()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        using var web = Web(database);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await StageAsync(web, clock, 30);
        var transport = new RecordingTransport();

        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            var dispatcher = Dispatcher(web, transport, clock);
            while (await dispatcher.RunOnceAsync() > 0)
            {
            }
        })));

        Assert.Equal(30, transport.Sent.Count);
        Assert.Equal(30, transport.Sent.Distinct().Count());
        await using var scope = web.Services.CreateAsyncScope();
        Assert.All(await scope.ServiceProvider.GetRequiredService<CaraDbContext>().OutgoingMail.ToListAsync(), m =>
        {
            Assert.NotNull(m.SentAt);
            Assert.Equal(1, m.Attempts);
        });
    }

    [Fact]
    public async Task A_message_the_server_refuses_keeps_its_error_and_goes_after_the_backoff()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        using var web = Web(database);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await StageAsync(web, clock, 1);
        var transport = new RecordingTransport { Down = true };
        var dispatcher = Dispatcher(web, transport, clock);

        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var failed = await SingleAsync(web);
        Assert.Equal((1, null, "IOException: the mail server is down"), (failed.Attempts, failed.SentAt, failed.LastError));
        Assert.Equal(clock.GetUtcNow() + Options.BackoffBase, failed.NextAttemptAt, TimeSpan.FromMilliseconds(1));

        transport.Down = false;
        Assert.Equal(0, await dispatcher.RunOnceAsync()); // not before the backoff
        clock.Advance(Options.BackoffBase);
        Assert.Equal(1, await dispatcher.RunOnceAsync());
        var sent = await SingleAsync(web);
        Assert.Equal(2, sent.Attempts);
        Assert.Equal(clock.GetUtcNow(), sent.SentAt!.Value, TimeSpan.FromMilliseconds(1));
        Assert.Equal([sent.Id], transport.Sent);
        Assert.Equal(0, await dispatcher.RunOnceAsync());
    }

    /// <summary>A Development host migrating the given database, with no dispatcher of its own.</summary>
    private WebApplicationFactory<Program> Web(ProvisionedDatabase database)
    {
        var web = fixture.Web.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Cara", database.ApplicationConnectionString);
            b.UseSetting("ConnectionStrings:CaraOwner", database.OwnerConnectionString);
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("Database:SeedDemoData", "false");
            b.UseSetting("Mail:Dispatch:Enabled", "false");
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
        });
        web.StartServer();
        return web;
    }

    private static async Task StageAsync(WebApplicationFactory<Program> web, TimeProvider clock, int count)
    {
        var mailbox = new Mailbox(web.Services.GetRequiredService<IDataProtectionProvider>(), clock);
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        for (var i = 0; i < count; i++) mailbox.Stage(db, new MailMessage($"person-{i}@example.org", "Hello", $"Message {i}", "test"));
        await db.SaveChangesAsync();
    }

    private static MailDispatcher Dispatcher(WebApplicationFactory<Program> web, IMailTransport transport, TimeProvider clock) =>
        ActivatorUtilities.CreateInstance<MailDispatcher>(web.Services, transport, clock, Microsoft.Extensions.Options.Options.Create(Options));

    private static async Task<Infrastructure.Mail.OutgoingMail> SingleAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaraDbContext>().OutgoingMail.AsNoTracking().SingleAsync();
    }

    private sealed class RecordingTransport : IMailTransport
    {
        public ConcurrentQueue<Guid> Sent { get; } = new();

        public bool Down { get; set; }

        public async Task SendAsync(Guid id, MailMessage message, CancellationToken cancellationToken)
        {
            // Long enough for the other dispatcher's round to run meanwhile.
            await Task.Delay(10, cancellationToken);
            if (Down) throw new IOException("the mail server is down");
            Sent.Enqueue(id);
        }
    }
}
