using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

public sealed class AdminPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task A_provider_admin_creates_a_client_sees_its_secret_once_and_invites_a_person()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "admin@hampshire.demo", DemoSeed.Password);
        await page.GotoAsync("/t/hampshire");

        await page.Locator("#nav-admin-clients").ClickAsync();
        var clientName = "Browser test system " + Guid.NewGuid().ToString("N")[..8];
        await PortalFixture.CheckAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(clientName);
        await page.GetByLabel("venues.read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        var issued = page.Locator("#issued-secret");
        await Assertions.Expect(issued).ToContainTextAsync("Copy the secret now: it will not be shown again.");
        await Assertions.Expect(page.Locator("#issued-client-secret")).Not.ToBeEmptyAsync();
        await PortalFixture.CheckAsync(page);

        await page.GotoAsync("/t/hampshire/admin/clients");
        await Assertions.Expect(page.Locator("#clients")).ToContainTextAsync(clientName);
        await Assertions.Expect(issued).ToHaveCountAsync(0);

        await page.GotoAsync("/t/hampshire");
        await page.Locator("#nav-admin-members").ClickAsync();
        var email = $"browser-invitee-{Guid.NewGuid():N}@example.org";
        await PortalFixture.CheckAsync(page);
        var inviteForm = page.Locator("form:has(#f-InviteEmail)");
        await inviteForm.GetByLabel("Work email").FillAsync(email);
        await inviteForm.GetByLabel("Facilitator").CheckAsync();
        await inviteForm.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#members-notice")).ToHaveTextAsync($"Invitation sent to {email}.");
        await Assertions.Expect(page.Locator("#invitations")).ToContainTextAsync(email);
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task Form_errors_on_the_admin_pages_are_summarised_and_shown_at_their_fields()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "admin@hampshire.demo", DemoSeed.Password);

        await page.GotoAsync("/t/hampshire/admin/members");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }));
        var summary = page.GetByRole(AriaRole.Alert);
        await Assertions.Expect(summary.Locator("a[href='#f-InviteEmail']")).ToBeVisibleAsync();
        await Assertions.Expect(summary.Locator("a[href='#f-InviteRoles']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#f-InviteRoles-error")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        await page.GotoAsync("/t/hampshire/admin/clients");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Create client" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Locator("a[href='#f-Name']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#f-Scopes-error")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        // Revoking without ticking the box: the message links to that client's box.
        var revoke = page.Locator("#clients").GetByRole(AriaRole.Button, new() { Name = "Revoke" }).First;
        await PortalFixture.SubmitAsync(revoke);
        var confirm = page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("to confirm") });
        await Assertions.Expect(confirm).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^#f-confirm-[0-9a-f]{32}$"));
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task The_webhook_page_shows_its_settings_and_delivery_log_and_filters_by_state()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "admin@hampshire.demo", DemoSeed.Password);
        await page.GotoAsync("/t/hampshire");

        await page.Locator("#nav-admin-webhooks").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Webhook");
        await Assertions.Expect(page.Locator("#webhook-settings")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Show").SelectOptionAsync("Failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("state=Failed"));
        await Assertions.Expect(page.GetByLabel("Show")).ToHaveValueAsync("Failed");
        await PortalFixture.CheckAsync(page);
    }
}
