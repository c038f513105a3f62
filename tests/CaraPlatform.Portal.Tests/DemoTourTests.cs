using CaraPlatform.Web.Features.DemoData;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// Each demo role of west-yorkshire walks through the pages it is offered, on the demo history (lists full of
/// referrals, notices read and unread, a breach, past and future runs): at 1280 px and at 320 px, every page passes
/// axe, fetches nothing from outside and does not scroll sideways.
/// </summary>
public sealed class DemoTourTests(PortalFixture portal) : BrowserTest
{
    private const string Tenant = "/t/west-yorkshire";

    [Theory]
    [InlineData("coordinator", 1280)]
    [InlineData("coordinator", 320)]
    [InlineData("spoc", 1280)]
    [InlineData("spoc", 320)]
    [InlineData("admin", 1280)]
    [InlineData("facilitator", 1280)]
    [InlineData("victim-contact", 1280)]
    [InlineData("dpo", 1280)]
    public async Task Every_page_a_role_is_offered_passes_axe_and_reflows(string account, int width)
    {
        var page = await portal.NewPageAsync(width);
        await PortalFixture.SignInAsync(page, $"{account}@west-yorkshire.demo", DemoSeed.Password);
        await page.GotoAsync(Tenant);
        await VisitAsync(page);

        // The service navigation's pages, and the first item of each list they show (a file's link downloads, it is no page).
        var links = await page.Locator("#tenant-navigation a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        foreach (var link in links)
        {
            await page.GotoAsync(link);
            await VisitAsync(page);
            var first = page.Locator("main table tbody a:not([download]), main .govuk-summary-card a[href*='/referrals/'], main .govuk-summary-card a[href*='/runs/']").First;
            if (await first.CountAsync() == 0) continue;
            await page.GotoAsync((await first.GetAttributeAsync("href"))!);
            await VisitAsync(page);
        }

        foreach (var path in new[] { "/account/password", "/account/two-factor", "/tenants" })
        {
            await page.GotoAsync(path);
            await VisitAsync(page);
        }
    }

    [Theory]
    [InlineData("licence-admin", 1280)]
    [InlineData("licence-admin", 320)]
    [InlineData("trainer", 1280)]
    [InlineData("qa", 1280)]
    [InlineData("analyst", 1280)]
    public async Task The_licence_holders_staff_land_in_their_workspace_and_every_page_it_offers_passes_axe_and_reflows(string account, int width)
    {
        var page = await portal.NewPageAsync(width);
        await PortalFixture.SignInAsync(page, $"{account}@hamptontrust.demo", DemoSeed.Password);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/national$"));
        await VisitAsync(page);

        // The workspace's navigation, and the first item of each list its pages show.
        var links = await page.Locator("#tenant-navigation a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        foreach (var link in links)
        {
            await page.GotoAsync(link);
            await VisitAsync(page);
            var first = page.Locator("main table tbody a:not([download])").First;
            if (await first.CountAsync() == 0) continue;
            await page.GotoAsync((await first.GetAttributeAsync("href"))!);
            await VisitAsync(page);
        }
    }

    private static async Task VisitAsync(IPage page)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var viewport = page.ViewportSize!.Width;
        if (width <= viewport) return;
        var widest = await page.EvaluateAsync<string>(
            "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w && getComputedStyle(e).position !== 'static')" +
            ".map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).position + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 3).join('; ')", viewport);
        Assert.Fail($"{page.Url} is {width} px wide in a {viewport} px window: {widest}");
    }
}
