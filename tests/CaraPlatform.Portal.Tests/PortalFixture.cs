using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// The web host on a real 127.0.0.1 port (Chromium cannot reach WebApplicationFactory's in-memory server) and one
/// headless Debian Chromium; each test gets a fresh browser context, so cookies never leak between tests.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public PostgresFixture Database { get; } = new();

    public CaraWebFactory Web { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        // The SPOC's inbox fills through the event relay and the dispatcher, as in production: run them, the dispatcher
        // briskly and for the demo tenants only (their webhook receivers do not exist, so a short timeout keeps a failed
        // post from holding up the inbox).
        Web = new CaraWebFactory(Database, new Dictionary<string, string>
        {
            // The browser tests see the service as a new user does, with the demo tenants' six months of history.
            ["DemoData:History"] = "true",
            ["TenantEvents:Relay:Enabled"] = "true",
            ["Notices:Dispatch:Enabled"] = "true",
            ["Notices:Dispatch:PollInterval"] = "00:00:01",
            ["Notices:Dispatch:RequestTimeout"] = "00:00:02",
            ["Notices:Dispatch:Tenants:0"] = "hampshire",
        });
        Web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Web.StartServer();
        BaseUrl = Web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        // The rest of what migrate does (the registered OpenID Connect clients), the schema and tenant files being applied.
        await HostCommands.ApplyMigrationStepsAsync(Web.Services);

        // CI shares two cores between the host, PostgreSQL and Chromium: give assertions room before calling them failed.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>
    /// A page in a fresh context at 1280 px. Any request for another host than 127.0.0.1 is refused and remembered,
    /// so <see cref="CheckAsync"/> can tell that the portal fetched nothing from outside.
    /// </summary>
    public async Task<IPage> NewPageAsync(int width = 1280) => (await OpenAsync(Browser, BaseUrl, width)).NewPage;

    /// <summary>A fresh context on a host at <paramref name="baseUrl"/>, guarded as <see cref="NewPageAsync"/> says.</summary>
    public static async Task<(IBrowserContext Context, IPage NewPage)> OpenAsync(IBrowser browser, string baseUrl, int width = 1280, int height = 900)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new() { Width = width, Height = height } });
        var offsite = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", route =>
        {
            var url = new Uri(route.Request.Url);
            if (url.Scheme is "data" or "blob" || url.Host == "127.0.0.1") return route.ContinueAsync();
            offsite.Enqueue(route.Request.Url);
            return route.AbortAsync();
        });
        var page = await context.NewPageAsync();
        Offsite.Add(page, offsite);
        return (context, page);
    }

    private static readonly ConditionalWeakTable<IPage, ConcurrentQueue<string>> Offsite = [];

    /// <summary>
    /// What every state a browser test reaches must satisfy: axe finds no serious or critical issue (WCAG 2.2 AA rules
    /// and best practice), and no request has left 127.0.0.1 since the page was opened.
    /// </summary>
    public static async Task CheckAsync(IPage page)
    {
        // After a form's redirect the new page may still be loading its stylesheet: axe would judge it unstyled.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var results = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"] } });
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}").ToList();
        Assert.True(serious.Count == 0, $"axe on {page.Url}:\n{string.Join("\n", serious)}");
        Assert.True(!Offsite.TryGetValue(page, out var offsite) || offsite.IsEmpty,
            $"Requests left 127.0.0.1: {string.Join(", ", offsite ?? [])}");
    }

    /// <summary>A person of our own, so that lockout and two-factor never touch the demo accounts other tests use.</summary>
    /// <summary>
    /// Clicks a form's submit button and waits for the server's answer to the POST. A click alone returns before
    /// the request is sent, and a navigation started right after it can abort the request.
    /// </summary>
    public static Task SubmitAsync(ILocator button) =>
        button.Page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "POST");

    /// <summary>Signs in through the sign-in form and waits until the server has answered.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
    }

    public async Task<string> NewMemberAsync(string tenantSlug, TenantRole role) =>
        (await TestPeople.MemberAsync(Web, Database, tenantSlug, role)).Email;

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Web.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>Every browser test class derives from this: one host, database and Chromium for them all (<see cref="PortalFixture"/>).</summary>
[Collection(BrowserTests.Name)]
public abstract class BrowserTest;

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<PortalFixture>
{
    public const string Name = "Browser";
}
