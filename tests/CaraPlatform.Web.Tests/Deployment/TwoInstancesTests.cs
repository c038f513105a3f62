using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Platform.Audit;
using CaraPlatform.Web.Tests.Features.Notices;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CaraPlatform.Web.Tests.Deployment;

/// <summary>
/// Two Production hosts on one database, as two pods behind the ingress (issue 15, part 1): each has its own services,
/// caches and key rings, and shares only the database and the deployment's settings (the OpenIddict certificates, the
/// data-protection key-encryption certificate). What one issues the other accepts, and their background dispatchers,
/// running at once, send nothing twice and lose nothing.
/// </summary>
public sealed class TwoInstancesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = PostgresFixture.TwoHostsTenant;
    private const int NoticeCount = 200;

    [Fact]
    public async Task A_token_and_a_portal_session_issued_by_one_host_are_accepted_by_the_other()
    {
        var settings = ProductionHost.RequiredSettings();
        await using var first = Instance.Start(fixture, settings);
        await using var second = Instance.Start(fixture, settings);
        await fixture.ApiClientAsync("hampshire");

        using var issuer = first.Client();
        var token = await Tokens.ClientCredentialsAsync(issuer, "hampshire-integration", "cara-demo-secret", ApiScopes.ReferralsRead);
        using var api = second.Client();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(ReferralApi.Url("hampshire"))).StatusCode);

        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Coordinator);
        var session = await SignInAsync(issuer, person.Email);
        using var portal = second.Client();
        using var page = new HttpRequestMessage(HttpMethod.Get, "/t/hampshire");
        page.Headers.Add("Cookie", session);
        using var answer = await portal.SendAsync(page);
        // Without the session the page redirects to sign in: the other host's key ring reads the cookie, from the database's keys.
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"The tenant's home on the other host: {(int)answer.StatusCode} {answer.Headers.Location}");
    }

    [Fact]
    public async Task Notices_dispatched_by_two_hosts_at_once_reach_the_inbox_exactly_once_and_the_receiver_with_none_lost()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var referrals = new List<Guid>();
        for (var i = 0; i < NoticeCount; i++)
            referrals.Add((await NoticeTests.SavedReferralAsync(fixture, Tenant, TimeProvider.System)).ReferralId);

        var settings = ProductionHost.RequiredSettings();
        settings["Notices:Dispatch:Enabled"] = "true";
        settings["Notices:Dispatch:Tenants:0"] = Tenant;
        // Small batches and short pauses, so that the two hosts' rounds overlap many times over the 200 notices.
        settings["Notices:Dispatch:BatchSize"] = "5";
        settings["Notices:Dispatch:PollInterval"] = "00:00:00.100";
        settings[$"{WebhookSecrets.Section}:{NoticeTests.SecretName(Tenant)}"] = NoticeTests.Secret;
        await using var first = Instance.Start(fixture, settings);
        await using var second = Instance.Start(fixture, settings);
        // The notices are made now, while both dispatchers listen: the database tells both at once.
        await fixture.RelayEventsAsync(Tenant);

        var notices = await fixture.ReadAsync(Tenant, db => db.PoliceNotices.AsNoTracking().Where(n => referrals.Contains(n.ReferralId)).ToListAsync());
        Assert.Equal(NoticeCount, notices.Count);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (notices.Any(n => receiver.For(n.Id).Count == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(200);

        Assert.All(notices, n => Assert.NotEmpty(receiver.For(n.Id)));
        var stored = await fixture.ReadAsync(Tenant, db => db.PoliceNotices.AsNoTracking().Where(n => referrals.Contains(n.ReferralId)).ToListAsync());
        Assert.All(stored, n => Assert.Equal(WebhookDeliveryState.Delivered, n.WebhookState));
        Assert.All(stored, n => Assert.NotNull(n.InboxDeliveredAt));
        // The inbox is told of each notice once: one "notice sent" audit row per referral.
        var subjects = referrals.Select(AuditEntries.Referral).ToList();
        await using var owner = fixture.Database.SuperuserContext();
        var sent = await owner.AuditEvents.Where(e => e.Action == AuditActions.NoticeSent && subjects.Contains(e.Subject!))
            .GroupBy(e => e.Subject).Select(g => g.Count()).ToListAsync();
        Assert.Equal(NoticeCount, sent.Count);
        Assert.All(sent, count => Assert.Equal(1, count));
    }

    /// <summary>The portal's sign-in form, posted through the TLS ingress; returns the session cookie it set.</summary>
    private static async Task<string> SignInAsync(HttpClient client, string email)
    {
        using var page = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var form = new HttpRequestMessage(HttpMethod.Post, "/")
        {
            Content = UserTokens.Form(await page.Content.ReadAsStringAsync(), [new("Email", email), new("Password", DemoSeed.Password)]),
        };
        form.Headers.Add("Cookie", Cookie(page, ".AspNetCore.Antiforgery."));
        using var signIn = await client.SendAsync(form);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return Cookie(signIn, "cara.session=");
    }

    private static string Cookie(HttpResponseMessage response, string prefix) =>
        Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(prefix, StringComparison.Ordinal)).Split(';')[0];

    /// <summary>
    /// One Production host on its own port, over the shared test database: behind the TLS ingress at 127.0.0.1, so a
    /// client's requests carry <c>X-Forwarded-Proto: https</c> and the public host name.
    /// </summary>
    private sealed class Instance : IAsyncDisposable
    {
        private readonly WebApplicationFactory<Program> _web;
        private readonly Uri _address;

        private Instance(WebApplicationFactory<Program> web, Uri address) => (_web, _address) = (web, address);

        public static Instance Start(CaraPlatformFixture fixture, IReadOnlyDictionary<string, string> settings)
        {
            var web = fixture.Web.WithWebHostBuilder(b =>
            {
                b.UseEnvironment("Production");
                foreach (var (key, value) in settings) b.UseSetting(key, value);
                b.UseSetting("ReverseProxy:KnownNetworks:0", "127.0.0.1/32");
                b.UseSetting("Referrals:Deadlines:Enabled", "false");
                b.UseSetting("Mail:Dispatch:Enabled", "false");
            });
            web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
            web.StartServer();
            return new Instance(web, new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
        }

        public HttpClient Client()
        {
            // Cookies go by hand: a cookie jar keeps Secure cookies from plain http.
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = _address };
            client.DefaultRequestHeaders.Host = ProductionHost.PublicHost;
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
            return client;
        }

        public async ValueTask DisposeAsync() => await _web.DisposeAsync();
    }
}
