using System.Diagnostics;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>The licence holder's API credentials in the browser: national integration clients, and cara-cli from a script.</summary>
public sealed class NationalClientPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task A_licence_admin_creates_a_national_client_sees_its_secret_once_and_is_told_what_is_wrong()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "licence-admin@hamptontrust.demo", DemoSeed.Password);
        await page.GotoAsync("/national");

        await page.Locator("#nav-clients").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("National integration clients");
        await PortalFixture.CheckAsync(page);
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create client" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Locator("a[href='#f-Name']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#f-Scopes-error")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        var clientName = "Licence reporting " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(clientName);
        await page.GetByLabel(ApiScopes.LicencesRead).CheckAsync();
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create client" }));
        await Assertions.Expect(page.Locator("#issued-secret")).ToContainTextAsync("Copy the secret now: it will not be shown again.");
        await Assertions.Expect(page.Locator("#issued-client-secret")).Not.ToBeEmptyAsync();
        await PortalFixture.CheckAsync(page);

        await page.GotoAsync("/national/clients");
        await Assertions.Expect(page.Locator("#clients")).ToContainTextAsync(clientName);
        await Assertions.Expect(page.Locator("#issued-secret")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_readme_script_gets_a_licence_admin_a_token_the_national_API_accepts()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "licence-admin@hamptontrust.demo", DemoSeed.Password);
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "cara-token", "cara-token.py"));
        start.ArgumentList.Add(portal.BaseUrl);
        start.ArgumentList.Add("openid offline_access platform.admin");
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();

        // The script prints the sign-in link, then waits at its listener for the browser's redirect.
        string? link = null;
        while (link is null && await script.StandardError.ReadLineAsync() is { } line)
            if (line.Trim().StartsWith("http", StringComparison.Ordinal)) link = line.Trim();
        Assert.NotNull(link);
        await page.GotoAsync(link);
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Signed in");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await script.WaitForExitAsync(timeout.Token);
        Assert.Equal(0, script.ExitCode);

        var token = JsonDocument.Parse(await output).RootElement.GetProperty("access_token").GetString();
        using var api = new HttpClient { BaseAddress = new Uri(portal.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/national/platform-staff")).StatusCode);
    }
}
