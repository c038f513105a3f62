using CaraPlatform.Web.Features.DemoData;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// Each role's home in Chromium on a demo tenant with its demo history: axe finds nothing serious and nothing leaves
/// 127.0.0.1, and the page at 1280 px is saved for the README (docs/screenshots/&lt;role&gt;-home.png). West Yorkshire,
/// because no other browser test writes there: the pictures show the demo data alone.
/// </summary>
public sealed class HomePagesTests(PortalFixture portal) : BrowserTest
{
    [Theory]
    [InlineData("coordinator", "work-screening", "coordinator")]
    [InlineData("facilitator", "work-my-runs", "facilitator")]
    [InlineData("spoc", "work-by-status", "force-spoc")]
    [InlineData("admin", "work-clients", "provider-admin")]
    public async Task A_roles_home_shows_its_work_lists_and_passes_axe(string account, string firstList, string role)
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, $"{account}@west-yorkshire.demo", DemoSeed.Password);
        await page.GotoAsync("/t/west-yorkshire");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("CARA West Yorkshire");
        await Assertions.Expect(page.Locator($"#{firstList}")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        var folder = Path.Combine(RepoPaths.Root, "docs", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{role}-home.png"), FullPage = true });
    }
}
