using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>The shell's public pages: the sign-in page and the accessibility statement.</summary>
[Collection(BrowserTests.Name)]
public sealed class ShellPagesTests(PortalFixture fixture)
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
        await page.ScreenshotAsync(new() { Path = "/tmp/shell.png", FullPage = true });
    }
}
