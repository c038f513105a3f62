using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// A second web host on its own 127.0.0.1 port, on the portal fixture's database, whose clock the test moves (workshop
/// days, registers). The shared host's clock is never touched. Cookies are issued and checked on the same clock, so
/// people sign in again (in a fresh browser context) after each move. The deadline job is off (a jump of the clock
/// would otherwise make it act on every tenant's referrals), and so is the notice dispatcher (the shared host runs it).
/// </summary>
public sealed class FakeClockPortal : IAsyncDisposable
{
    private readonly List<IBrowserContext> _contexts = [];

    public FakeClockPortal(PortalFixture portal)
    {
        Portal = portal;
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Web = portal.Web.WithWebHostBuilder(b =>
        {
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
            // The shared host's dispatcher delivers notices on the real clock; a second one here would claim the same
            // notices and stamp them with this host's moved time.
            b.UseSetting("Notices:Dispatch:Enabled", "false");
            // The shared host keeps the runs-at-risk worklist; a second check on a moved clock would rewrite it.
            b.UseSetting("Competence:LapseCheck:Enabled", "false");
            // Likewise the shared host sends the training reminders; on a moved clock they would go out early, stamped so.
            b.UseSetting("Training:Reminders:Enabled", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
        Web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Web.StartServer();
        BaseUrl = Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public PortalFixture Portal { get; }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Web { get; }

    public string BaseUrl { get; }

    /// <summary>A fresh browser context (no cookies) on this host, at the viewport given (a desktop one by default).</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 800)
    {
        var (context, page) = await PortalFixture.OpenAsync(Portal.Browser, BaseUrl, width, height);
        _contexts.Add(context);
        return page;
    }

    public async Task<TestPerson> MemberAsync(string tenant, TenantRole role) => await TestPeople.MemberAsync(Web, Portal.Database, tenant, role);

    /// <summary>An API client of the tenant's demo integration client, on this host's clock.</summary>
    public async Task<HttpClient> ApiClientAsync(string tenant)
    {
        var token = await Tokens.ClientCredentialsAsync(new HttpClient { BaseAddress = new Uri(BaseUrl) }, $"{tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes));
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var context in _contexts) await context.DisposeAsync();
        await Web.DisposeAsync();
    }
}
