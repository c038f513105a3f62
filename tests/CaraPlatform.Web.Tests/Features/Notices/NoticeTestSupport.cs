using Microsoft.AspNetCore.Builder;

namespace CaraPlatform.Web.Tests.Features.Notices;

/// <summary>A POST as the webhook receiver saw it.</summary>
public sealed record ReceivedWebhook(
    string? EventId, string? EventType, string? Timestamp, string? Signature, string? ContentType, string Body, int AnsweredWith);

/// <summary>A webhook receiver on 127.0.0.1 (Kestrel, port 0), answering each POST with the next queued status or 200.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<int> _answers = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedWebhook> For(Guid eventId) => [.. Received.Where(r => r.EventId == eventId.ToString("D"))];

    /// <summary>The next <paramref name="count"/> POSTs get <paramref name="status"/>.</summary>
    public void FailNext(int count, int status = 500)
    {
        for (var i = 0; i < count; i++) _answers.Enqueue(status);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/cara", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            var status = receiver._answers.TryDequeue(out var queued) ? queued : 200;
            receiver.Received.Enqueue(new ReceivedWebhook(
                request.Headers["Cara-Event-Id"], request.Headers["Cara-Event-Type"], request.Headers["Cara-Timestamp"],
                request.Headers["Cara-Signature"], request.ContentType, body, status));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = new Uri(new Uri(app.Urls.First()), "/hooks/cara");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Gives out clients over one handler, so a test decides what "the network" does.</summary>
public sealed class TestHttpClients(HttpMessageHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}

/// <summary>A handler that stands for the process dying mid-send: it cancels the round and never reaches the receiver.</summary>
public sealed class DyingHandler(CancellationTokenSource round) : HttpMessageHandler
{
    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        await round.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
        throw new OperationCanceledException(round.Token);
    }
}

public static class NoticeTests
{
    public const string Secret = "whsec_test_0123456789abcdef";

    public static string SecretName(string tenant) => $"{tenant}-test-webhook";

    /// <summary>
    /// A dispatcher of the test's own over the shared host's services, with its clock, network and options; the
    /// shared host runs none (Notices:Dispatch:Enabled=false), so rounds happen only when a test asks.
    /// </summary>
    public static NoticeDispatcher Dispatcher(
        CaraPlatformFixture fixture, TimeProvider clock, HttpMessageHandler? handler = null, NoticeDispatchOptions? options = null)
    {
        var services = fixture.Web.Services;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{WebhookSecrets.Section}:{SecretName("dorset")}"] = Secret,
            [$"{WebhookSecrets.Section}:{SecretName("norfolk")}"] = Secret,
            [$"{WebhookSecrets.Section}:{SecretName(PostgresFixture.QuietTenant)}"] = Secret, // the home page's webhook card
        }).Build();
        return new NoticeDispatcher(
            services.GetRequiredService<IDbContextFactory<CaraDbContext>>(),
            services.GetRequiredService<TenantRunner>(),
            new PoliceNoticeSignal(TimeProvider.System, Options.Create(new NoticeDispatchOptions())),
            new TestHttpClients(handler ?? new SocketsHttpHandler { AllowAutoRedirect = false }),
            new WebhookSecrets(configuration, services.GetRequiredService<IHostEnvironment>(), NullLogger<WebhookSecrets>.Instance),
            services.GetRequiredService<AuditTrail>(),
            Options.Create(WithOwnTenants(options ?? new NoticeDispatchOptions())),
            clock,
            NullLogger<NoticeDispatcher>.Instance);
    }

    /// <summary>The tenants whose webhooks notice tests point at their receivers; other tests' notices are left alone.</summary>
    public static readonly string[] OwnTenants = ["dorset", "norfolk"];

    /// <summary>
    /// Keeps the test's dispatcher to our tenants and, unless the test chose a batch size, claims enough per round
    /// that notices other tests left in those tenants never push a test's own notice into a later round.
    /// </summary>
    private static NoticeDispatchOptions WithOwnTenants(NoticeDispatchOptions options)
    {
        if (options.Tenants.Count == 0) options.Tenants = [.. OwnTenants];
        if (options.BatchSize == new NoticeDispatchOptions().BatchSize)
        {
            options.BatchSize = 500;
            options.Lease = TimeSpan.FromHours(2);
        }

        return options;
    }

    /// <summary>
    /// Points the tenant's webhook at <paramref name="url"/> (or removes it), as a new tenant file would; disposing
    /// puts the tenant file's own definition back, so other tests (re-applying the files) find it unchanged.
    /// </summary>
    public static async Task<IAsyncDisposable> WebhookAsync(CaraPlatformFixture fixture, string slug, Uri? url, bool enabled = true)
    {
        await SetDefinitionAsync(fixture, slug, d => d with
        {
            Notifications = d.Notifications with { Webhook = url is null ? null : new WebhookSettings(url, enabled, SecretName(slug)) },
        });
        return new Restore(() => SetDefinitionAsync(fixture, slug, _ => fixture.Database.Definitions.Single(d => d.Slug == slug)));
    }

    private static async Task SetDefinitionAsync(CaraPlatformFixture fixture, string slug, Func<TenantDefinition, TenantDefinition> change)
    {
        await using var db = fixture.Web.Services.GetRequiredService<OwnerDatabase>().CreateContext();
        var tenant = await db.Tenants.SingleAsync(t => t.Slug == slug);
        tenant.Definition = change(tenant.Definition);
        await db.SaveChangesAsync();
    }

    private sealed class Restore(Func<Task> restore) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await restore();
    }

    /// <summary>
    /// A referral screened and returned as ineligible (or moved as <paramref name="further"/> says), saved through a
    /// tenant-scoped context: its events are in the tenant's stream, not yet relayed.
    /// </summary>
    public static async Task<(Guid ReferralId, string PoliceReference)> SavedReferralAsync(
        CaraPlatformFixture fixture, string slug, TimeProvider clock, Action<Referral, TimeProvider>? further = null)
    {
        var tenant = await fixture.Database.TenantAsync(slug);
        var reference = $"T/{Guid.NewGuid():N}"[..24];
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
            var referral = Referral.Receive(ReferralBuilder.Details(tenant.Settings, reference, clock), tenant.Settings.Condition, ReferralBuilder.Coordinator, clock);
            referral.StartScreening(ReferralBuilder.Coordinator, clock);
            if (further is null) referral.ReturnIneligible("Evidence of coercive or controlling behaviour in the file.", ReferralBuilder.Coordinator, clock);
            else further(referral, clock);
            db.Referrals.Add(referral);
            await db.SaveChangesAsync();
            return (referral.Id, reference);
        }
    }

    /// <summary>
    /// A saved referral (<see cref="SavedReferralAsync"/>) whose events are relayed, which makes its notice. Returns the
    /// referral and the notice's event id.
    /// </summary>
    public static async Task<(Guid ReferralId, Guid NoticeId, string PoliceReference)> ReturnedReferralAsync(
        CaraPlatformFixture fixture, string slug, TimeProvider clock, Action<Referral, TimeProvider>? further = null)
    {
        var (referralId, reference) = await SavedReferralAsync(fixture, slug, clock, further);
        await fixture.RelayEventsAsync(slug);
        var noticeId = await fixture.ReadAsync(slug, db =>
            db.PoliceNotices.Where(n => n.ReferralId == referralId).OrderByDescending(n => n.OccurredAt).Select(n => n.Id).FirstAsync());
        return (referralId, noticeId, reference);
    }

    /// <summary>
    /// Makes and delivers every notice other tests left in the tenant, so that what a test does next (a "crash", a
    /// failing answer) hits its own notice.
    /// </summary>
    public static async Task FlushAsync(CaraPlatformFixture fixture, string slug, TimeProvider clock)
    {
        await fixture.RelayEventsAsync(slug);
        await Dispatcher(fixture, clock).RunOnceAsync();
    }

    /// <summary>The id of the referral's one event of <paramref name="type"/> in the tenant's stream.</summary>
    public static Task<Guid> EventIdAsync(CaraPlatformFixture fixture, string slug, Guid referralId, string type) =>
        fixture.ReadAsync(slug, db => db.TenantEvents.Where(e => e.AggregateId == referralId && e.Type == type).Select(e => e.Id).SingleAsync());

    /// <summary>The notice as stored.</summary>
    public static async Task<Domain.Notices.PoliceNotice> NoticeAsync(CaraPlatformFixture fixture, string slug, Guid noticeId)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(slug), fixture.Web.Services);
        return await db.PoliceNotices.AsNoTracking().SingleAsync(n => n.Id == noticeId);
    }

    public static async Task<List<Domain.Notices.WebhookDeliveryAttempt>> AttemptsAsync(CaraPlatformFixture fixture, string slug, Guid noticeId)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(slug), fixture.Web.Services);
        return await db.WebhookDeliveryAttempts.AsNoTracking().Where(a => a.NoticeId == noticeId).OrderBy(a => a.Attempt).ToListAsync();
    }
}
