using CaraPlatform.Web.Tests.Features.Notices;
using Microsoft.AspNetCore.Builder;
using CaraWebhookSignature = CaraPlatform.Client.CaraWebhookSignature;

namespace CaraPlatform.Web.Tests.Integrators;

/// <summary>
/// The webhook receiver that docs/integrators.md shows, run as shown (the test checks that the page holds this very
/// code): it accepts a real delivery from the notice dispatcher, refuses a forged one, and processes a repeat once.
/// Dorset's webhook is pointed at it, as the notice tests do.
/// </summary>
public sealed class WebhookReceiverExampleTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "dorset";

    [Fact]
    public async Task The_documented_receiver_accepts_a_real_delivery_refuses_a_forgery_and_processes_a_repeat_once()
    {
        await using var receiver = await DocumentedReceiver.StartAsync(NoticeTests.Secret);
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await NoticeTests.FlushAsync(fixture, Tenant, clock);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        var body = Assert.Single(receiver.Processed, b => b.Contains(noticeId.ToString("D"), StringComparison.Ordinal));
        Assert.Equal(WebhookDeliveryState.Delivered, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);

        using var http = new HttpClient();
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Post(receiver.Url, body, noticeId, timestamp, "v1=" + new string('0', 64)))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(Post(receiver.Url, body + " ", noticeId, timestamp,
            WebhookSignature.Sign(NoticeTests.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body)))).StatusCode);
        // A retry: signed afresh, same event id. Answered 200, processed once.
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(Post(receiver.Url, body, noticeId, timestamp,
            WebhookSignature.Sign(NoticeTests.Secret, clock.GetUtcNow().ToUnixTimeSeconds(), body)))).StatusCode);
        Assert.Single(receiver.Processed, b => b.Contains(noticeId.ToString("D"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_integrators_page_shows_the_receiver_this_test_runs()
    {
        var source = await File.ReadAllLinesAsync(Path.Combine(RepoPaths.Root, "tests", "CaraPlatform.Web.Tests", "Integrators", "WebhookReceiverExampleTests.cs"));
        var shown = source.Select(l => l.Trim()).SkipWhile(l => l != "// docs/integrators.md: from here").Skip(1)
            .TakeWhile(l => l != "// docs/integrators.md: to here").ToList();
        var page = (await File.ReadAllLinesAsync(Path.Combine(RepoPaths.Root, "docs", "integrators.md"))).Select(l => l.Trim()).ToList();
        Assert.NotEmpty(shown);
        Assert.True(Enumerable.Range(0, page.Count - shown.Count + 1).Any(i => page.Skip(i).Take(shown.Count).SequenceEqual(shown)),
            "docs/integrators.md must show the receiver of WebhookReceiverExampleTests line for line:\n" + string.Join("\n", shown));
    }

    private static HttpRequestMessage Post(Uri url, string body, Guid eventId, string timestamp, string signature) => new(HttpMethod.Post, url)
    {
        Content = new StringContent(body, Encoding.UTF8, "application/json"),
        Headers = { { CaraWebhookSignature.EventIdHeader, eventId.ToString("D") }, { CaraWebhookSignature.TimestampHeader, timestamp }, { CaraWebhookSignature.SignatureHeader, signature } },
    };

    /// <summary>The receiver of docs/integrators.md on 127.0.0.1, keeping the bodies it processed.</summary>
    private sealed class DocumentedReceiver : IAsyncDisposable
    {
        private readonly WebApplication _app;

        private DocumentedReceiver(WebApplication app) => _app = app;

        public ConcurrentQueue<string> Processed { get; } = new();

        public Uri Url => new(new Uri(_app.Urls.First()), "/hooks/cara");

        public static async Task<DocumentedReceiver> StartAsync(string secret)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var receiver = new DocumentedReceiver(app);
            var seen = new ConcurrentDictionary<string, bool>();
            void Process(string body) => receiver.Processed.Enqueue(body);

            // docs/integrators.md: from here
            app.MapPost("/hooks/cara", async (HttpRequest request) =>
            {
                // Verify the body exactly as received, before parsing it.
                using var reader = new StreamReader(request.Body);
                var body = await reader.ReadToEndAsync();
                if (!CaraWebhookSignature.Verify(secret, request.Headers[CaraWebhookSignature.SignatureHeader],
                        request.Headers[CaraWebhookSignature.TimestampHeader], body, DateTimeOffset.UtcNow))
                    return Results.Unauthorized();

                // Delivery is at least once: a retry or a replay carries the same event id.
                if (seen.TryAdd(request.Headers[CaraWebhookSignature.EventIdHeader].ToString(), true)) Process(body);
                return Results.Ok();
            });
            // docs/integrators.md: to here
            await app.StartAsync();
            return receiver;
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
