using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Web.Platform;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
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

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        return await context.NewPageAsync();
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

[CollectionDefinition(Name)]
public sealed class BrowserTests : ICollectionFixture<PortalFixture>
{
    public const string Name = "Browser";
}
