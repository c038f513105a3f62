using System.Net.Sockets;
using CaraPlatform.Web.Platform.Mail;
using CaraPlatform.Web.Platform.Observability;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// What operators see (issue 15, part 4): Prometheus metrics of requests and of Npgsql on a port of their own and never
/// on the public one, a <c>traceparent</c> on every response naming the trace its log lines carry, and logs with no
/// personal value in them, whatever a provider asks for.
/// </summary>
public sealed partial class ObservabilityTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "thames-valley";

    [Fact]
    public async Task Metrics_of_requests_and_of_the_database_are_served_on_the_metrics_port_and_not_on_the_public_one()
    {
        var metricsPort = FreePort();
        using var web = fixture.Web.WithWebHostBuilder(b => b.UseSetting(Observability.MetricsPortSetting, metricsPort.ToString(CultureInfo.InvariantCulture)));
        web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        web.StartServer();
        using var site = new HttpClient { BaseAddress = new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()) };
        Assert.Equal(HttpStatusCode.OK, (await site.GetAsync("/health/ready")).StatusCode);

        using var scraper = new HttpClient();
        var metrics = await scraper.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
        Assert.Contains("http_server_request_duration_seconds_bucket{", metrics, StringComparison.Ordinal);
        Assert.Contains("http_route=\"/health/ready\"", metrics, StringComparison.Ordinal);
        Assert.Matches(NpgsqlMetric(), metrics);

        Assert.Equal(HttpStatusCode.NotFound, (await site.GetAsync("/metrics")).StatusCode);
    }

    [Fact]
    public async Task Every_response_names_its_trace_and_the_request_s_log_lines_carry_the_same_trace_id()
    {
        var logs = new CapturingLoggerProvider();
        using var web = fixture.Web.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)
            .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore.Hosting", LogLevel.Information)));
        using var client = web.CreateClient();

        using var found = await client.GetAsync("/health/live");
        using var refused = await client.GetAsync("/api/v1/tenants/hampshire/referrals");

        foreach (var response in new[] { found, refused })
        {
            var traceparent = Assert.Single(response.Headers.GetValues("traceparent"));
            var match = Traceparent().Match(traceparent);
            Assert.True(match.Success, $"not a W3C traceparent: {traceparent}");
            var traceId = match.Groups["trace"].Value;
            Assert.Contains(logs.Lines, l => l.Contains(response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal)
                && l.Contains($"TraceId={traceId}", StringComparison.Ordinal));
        }

        Assert.NotEqual(found.Headers.GetValues("traceparent").Single(), refused.Headers.GetValues("traceparent").Single());
    }

    [Fact]
    public async Task An_intake_and_a_booking_leave_no_personal_value_in_the_log_and_mail_addresses_are_erased_by_the_logging_layer()
    {
        var logs = new CapturingLoggerProvider();
        using var web = fixture.Web.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)
            .AddFilter<CapturingLoggerProvider>(_ => true).SetMinimumLevel(LogLevel.Trace)));
        await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        using var police = web.CreateClient();
        police.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Tokens.ClientCredentialsAsync(web.CreateClient(), $"{Tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes)));
        using var planner = web.CreateClient();
        planner.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await UserTokens.AuthorizationCodeAsync(web, coordinator.Email, password: DemoSeed.Password)).AccessToken);

        var referral = await ReferralApi.CreateAsync(police, Tenant, ReferralApi.New(Tenant) with { Offender = Offender, Victim = Victim });
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "start-screening", new VersionRequest(referral.Version));
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "screening",
            new ScreeningDecisionRequest(ReferralApi.EligibleAnswers(Tenant), ScreeningDecision.Eligible, null, referral.Version));
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "first-contact", new VersionRequest(referral.Version));
        var run = await ScheduleAsync(planner, Tenant, UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(7), f1.UserId, f2.UserId);
        var booking = await BookAsync(planner, Tenant, run, referral);
        (await planner.GetAsync($"/api/v1/tenants/{Tenant}/bookings/{booking.Id}/letter")).EnsureSuccessStatusCode();
        // The mail transport names its recipient in its log line: the logging layer erases it, whatever the provider.
        await web.Services.GetRequiredService<IMailTransport>().SendAsync(Guid.NewGuid(),
            new MailMessage(Offender.Email!, "Your CARA workshops", "See https://cara.example.org/", "booking-test"), CancellationToken.None);

        var lines = logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Mail (booking-test) for", StringComparison.Ordinal));
        var leaks = lines.SelectMany(line => PersonalValues.Where(v => line.Contains(v, StringComparison.OrdinalIgnoreCase)).Select(v => $"'{v}' in: {line}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(20)));
    }

    private static readonly OffenderDto Offender = new(
        "Quillon", "Farthingale", new DateOnly(1984, 2, 29), Sex.Male, "17 Osprey Wynd", "Flat Upsilon", "Marlowby", "OX4 7QZ",
        "07700 900731", "quillon.farthingale@example.org", "en", false, "Needs step-free access", false);

    private static readonly VictimDto Victim = new(
        "Isolde", "Penhallow-Reyes", OffenceRelationship.CurrentPartner, SafeContactMethod.Email, "07700 900732", "isolde.pr@example.org",
        "3 Kestrel Rise, Oxford", "Weekday mornings only", true, "Use the side door.");

    private static readonly string[] PersonalValues =
    [
        "Quillon", "Farthingale", "1984-02-29", "29/02/1984", "17 Osprey Wynd", "Flat Upsilon", "Marlowby", "OX4 7QZ", "OX47QZ", "07700 900731",
        "quillon.farthingale@example.org", "step-free", "Isolde", "Penhallow-Reyes", "07700 900732", "isolde.pr@example.org", "Kestrel Rise",
        "Weekday mornings", "side door",
    ];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("^00-(?<trace>[0-9a-f]{32})-[0-9a-f]{16}-0[01]$")]
    private static partial Regex Traceparent();

    /// <summary>Npgsql's own meter: connections and commands, as OpenTelemetry's semantic conventions name them.</summary>
    [GeneratedRegex(@"^db_client_\w+\{[^}]*\} ", RegexOptions.Multiline)]
    private static partial Regex NpgsqlMetric();
}
