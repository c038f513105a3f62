using System.Text.RegularExpressions;
using CaraPlatform.Web.Features.DemoData;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// The shell: the sign-in page, the accessibility statement, the tenant picker, access denied and page not found;
/// keyboard and reflow.
/// </summary>
public sealed class ShellPagesTests(PortalFixture fixture) : BrowserTest
{
    [Fact]
    public async Task The_sign_in_page_and_the_accessibility_statement_pass_axe_and_fetch_nothing_from_outside()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await PortalFixture.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accessibility statement for CARA Platform");
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task A_coordinator_signs_in_and_reaches_the_referrals_page_with_the_keyboard_alone()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");

        // The first Tab reaches the skip link, as on every GOV.UK page.
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" })).ToBeFocusedAsync();
        await TabToAsync(page, page.GetByLabel("Email"));
        await page.Keyboard.TypeAsync("coordinator@hampshire.demo");
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByLabel("Password")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoSeed.Password);
        await page.Keyboard.PressAsync("Enter");
        // The tenant home and the referral list are other pages' to check with axe (their own browser tests).
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/t/hampshire$"));

        await TabToAsync(page, page.Locator("#nav-referrals"));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/t/hampshire/referrals$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Referrals");
    }

    [Fact]
    public async Task The_sign_in_page_and_a_tenant_page_reflow_at_320_pixels()
    {
        var page = await fixture.NewPageAsync(width: 320);
        await page.GotoAsync("/");
        Assert.True(await ScrollWidthAsync(page) <= 320, $"the sign-in page is {await ScrollWidthAsync(page)} px wide");
        await PortalFixture.CheckAsync(page);

        await PortalFixture.SignInAsync(page, "admin@hampshire.demo", DemoSeed.Password);
        // The staff table is wider than the screen: it scrolls in its own box, and the page does not.
        await page.GotoAsync("/t/hampshire/admin/members");
        await Assertions.Expect(page.Locator("#members")).ToBeVisibleAsync();
        Assert.True(await ScrollWidthAsync(page) <= 320, $"the staff page is {await ScrollWidthAsync(page)} px wide");
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task Licence_holder_staff_without_a_service_are_offered_their_workspace_and_a_page_outside_their_role_says_access_is_denied()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, "licence-admin@hamptontrust.demo", DemoSeed.Password);
        await page.GotoAsync("/tenants");
        await Assertions.Expect(page.Locator("#licence-holder-workspace")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#no-memberships")).ToHaveCountAsync(0);
        await PortalFixture.CheckAsync(page);

        var facilitator = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(facilitator, "facilitator@hampshire.demo", DemoSeed.Password);
        await facilitator.GotoAsync("/t/hampshire/admin/members");
        await Assertions.Expect(facilitator).ToHaveURLAsync(new Regex("/access-denied"));
        await Assertions.Expect(facilitator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("You do not have access to this page");
        await PortalFixture.CheckAsync(facilitator);
    }

    [Fact]
    public async Task A_missing_page_and_another_tenants_page_both_say_page_not_found()
    {
        var page = await fixture.NewPageAsync();
        await PortalFixture.SignInAsync(page, "coordinator@hampshire.demo", DemoSeed.Password);

        // Not a member of West Yorkshire: the same answer as a page that does not exist, so it does not say the tenant does.
        foreach (var path in new[] { "/t/hampshire/no-such-page", "/t/west-yorkshire" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
            await PortalFixture.CheckAsync(page);
        }
    }

    private static Task<int> ScrollWidthAsync(IPage page) => page.EvaluateAsync<int>("document.documentElement.scrollWidth");

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 60 times: every page's links are fewer).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}");
    }
}
