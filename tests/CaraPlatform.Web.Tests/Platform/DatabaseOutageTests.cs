using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Xunit.Abstractions;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// PostgreSQL stopped for 10 seconds under load and started again (issue 15, part 2), on a cluster of the test's own
/// (stopping the shared one would fail every other test). Integrators POST referrals, each with an Idempotency-Key,
/// and resend the same request with the same key until it is acknowledged. While the database is down every answer is
/// 503 problem+json with Retry-After (or, for a browser, the "service unavailable" page) and /health/ready fails; once
/// it is back the host serves within 5 seconds without a restart; every acknowledged referral is in the database,
/// and no resent request made a second one.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    private const string Tenant = "hampshire";
    private const int Integrators = 4;
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Stopping_the_database_under_load_answers_503_then_recovers_losing_and_doubling_nothing()
    {
        var database = PostgresFixture.OnClusterOfItsOwn();
        await database.InitializeAsync();
        try
        {
            await using var web = new CaraWebFactory(database, new Dictionary<string, string> { ["Mail:Dispatch:Enabled"] = "false" });
            // Real sockets: what an integrator's client meets during an outage is what is tested.
            web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            web.StartServer();
            await HostCommands.ApplyMigrationStepsAsync(web.Services);
            using var http = new HttpClient { BaseAddress = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
            var token = await Tokens.ClientCredentialsAsync(http, $"{Tenant}-integration", "cara-demo-secret", ApiScopes.ReferralsWrite);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await OutageUnderLoadAsync(database, http);
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    private async Task OutageUnderLoadAsync(PostgresFixture database, HttpClient http)
    {
        var load = new Load(http);
        using var stopLoad = new CancellationTokenSource();
        var integrators = Enumerable.Range(0, Integrators).Select(_ => Task.Run(() => load.RunAsync(stopLoad.Token))).ToList();
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.True(!load.Acknowledged.IsEmpty, "Nothing was acknowledged before the outage.");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);

        await database.StopServerAsync();
        var stopped = load.Clock.Elapsed;
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/health/ready")).StatusCode);
        await AssertUnavailablePageAsync(http);
        await Task.Delay(Outage - TimeSpan.FromSeconds(1));
        await database.StartServerAsync();
        var started = load.Clock.Elapsed;

        while (load.FirstAnsweredSentAfter(started) is null && load.Clock.Elapsed - started < TimeSpan.FromSeconds(30))
            await Task.Delay(50);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await stopLoad.CancelAsync();
        await Task.WhenAll(integrators);

        var recovered = load.FirstAnsweredSentAfter(started) - started;
        var written = await ReferencesWrittenAsync(database, load.Sent.Keys);
        var duplicates = written.Count - written.Distinct(StringComparer.Ordinal).Count();
        var lost = load.Acknowledged.Keys.Count(r => !written.Contains(r, StringComparer.Ordinal));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"requests sent {load.Requests}, 2xx {load.Successes}, 503 {load.Unavailable}, other {load.Unexpected.Count}, connection errors {load.ConnectionErrors}; " +
            $"referrals acknowledged {load.Acknowledged.Count}, rows written {written.Count}, duplicates {duplicates}, lost acknowledged writes {lost}; " +
            $"database down {(started - stopped).TotalSeconds:0.0} s, served again {recovered?.TotalSeconds:0.00} s after it started"));

        Assert.Empty(load.Unexpected);
        Assert.True(load.Unavailable > 0, "No request met the outage.");
        Assert.Equal(0, duplicates);
        Assert.Equal(0, lost);
        Assert.NotNull(recovered);
        Assert.True(recovered < TimeSpan.FromSeconds(5), $"Served again only {recovered} after the database started.");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        // Every request sent in the end was acknowledged, so nothing written is unaccounted for.
        Assert.Equal(load.Acknowledged.Count, written.Count);
    }

    /// <summary>A person's browser gets the portal's page, not problem details (an unknown tenant asks the database).</summary>
    private static async Task AssertUnavailablePageAsync(HttpClient http)
    {
        using var page = new HttpRequestMessage(HttpMethod.Get, "/t/no-such-service/referrals");
        page.Headers.Accept.ParseAdd("text/html");
        using var response = await http.SendAsync(page);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Sorry, the service is unavailable", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReferencesWrittenAsync(PostgresFixture database, IEnumerable<string> references)
    {
        await using var connection = new NpgsqlConnection(database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT police_reference FROM referrals WHERE police_reference = ANY(@references)", connection);
        command.Parameters.AddWithValue("references", references.ToArray());
        var written = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) written.Add(reader.GetString(0));
        return written;
    }

    /// <summary>
    /// Integrators posting referrals: each request with a key of its own, resent with the same key on 503 or a broken
    /// connection until it is acknowledged (or the load ends), as a well-behaved integrator does.
    /// </summary>
    private sealed class Load(HttpClient http)
    {
        private int _requests;
        private int _successes;
        private int _unavailable;
        private int _connectionErrors;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        /// <summary>Every police reference sent, by the key it was sent with.</summary>
        public ConcurrentDictionary<string, string> Sent { get; } = new();

        /// <summary>Police references acknowledged with 201, with when the acknowledged attempt was sent and answered.</summary>
        public ConcurrentDictionary<string, (TimeSpan SentAt, TimeSpan AnsweredAt)> Acknowledged { get; } = new();

        public ConcurrentQueue<string> Unexpected { get; } = new();

        public int Requests => _requests;

        public int Successes => _successes;

        public int Unavailable => _unavailable;

        public int ConnectionErrors => _connectionErrors;

        /// <summary>When the first request sent after <paramref name="moment"/> was acknowledged, if one has been.</summary>
        public TimeSpan? FirstAnsweredSentAfter(TimeSpan moment) =>
            Acknowledged.Values.Where(a => a.SentAt >= moment).Select(a => (TimeSpan?)a.AnsweredAt).Min();

        public async Task RunAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var reference = ReferralApi.NewPoliceReference();
                var key = Guid.NewGuid().ToString();
                Sent[reference] = key;
                var body = JsonSerializer.Serialize(ReferralApi.New(Tenant, reference), HttpExtensions.Json);
                // Once sent, a request is resent until acknowledged, whatever the load's end: it may have been written.
                while (!await SendAsync(key, reference, body))
                    await Task.Delay(TimeSpan.FromMilliseconds(200), CancellationToken.None);
            }
        }

        /// <summary>True when acknowledged; false when it should be sent again.</summary>
        private async Task<bool> SendAsync(string key, string reference, string body)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, ReferralApi.Url(Tenant))
            {
                Content = new StringContent(body, Encoding.UTF8, "application/json"),
            };
            message.Headers.Add("Idempotency-Key", key);
            var sentAt = Clock.Elapsed;
            Interlocked.Increment(ref _requests);
            try
            {
                using var response = await http.SendAsync(message);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.Created:
                        Interlocked.Increment(ref _successes);
                        Acknowledged[reference] = (sentAt, Clock.Elapsed);
                        return true;
                    case HttpStatusCode.ServiceUnavailable:
                        Interlocked.Increment(ref _unavailable);
                        if (response.Headers.RetryAfter is null || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                            Unexpected.Enqueue($"503 without Retry-After or problem details: {await response.Content.ReadAsStringAsync()}");
                        return false;
                    default:
                        Unexpected.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                        return true;
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _connectionErrors);
                return false;
            }
        }
    }
}
