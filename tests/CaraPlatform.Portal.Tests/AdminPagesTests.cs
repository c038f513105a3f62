using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

[Collection(BrowserTests.Name)]
public sealed class AdminPagesTests(PortalFixture portal)
{
    [Fact]
    public async Task A_provider_admin_creates_a_client_sees_its_secret_once_and_invites_a_person()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "admin@hampshire.demo", DemoSeed.Password);
        await page.GotoAsync("/t/hampshire");

        await page.GetByRole(AriaRole.Link, new() { Name = "Integration clients" }).ClickAsync();
        var clientName = "Browser test system " + Guid.NewGuid().ToString("N")[..8];
        await page.GetByLabel("Name (what the system is").FillAsync(clientName);
        await page.GetByLabel("venues.read").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        var issued = page.Locator("#issued-secret");
        await Assertions.Expect(issued).ToContainTextAsync("Copy the secret now: it will not be shown again.");
        await Assertions.Expect(page.Locator("#issued-client-secret")).Not.ToBeEmptyAsync();

        await page.GotoAsync("/t/hampshire/admin/clients");
        await Assertions.Expect(page.Locator("#clients")).ToContainTextAsync(clientName);
        await Assertions.Expect(issued).ToHaveCountAsync(0);

        await page.GotoAsync("/t/hampshire");
        await page.GetByRole(AriaRole.Link, new() { Name = "Staff and invitations" }).ClickAsync();
        var email = $"browser-invitee-{Guid.NewGuid():N}@example.org";
        var inviteForm = page.Locator("form:has(#invite-email)");
        await inviteForm.GetByLabel("Work email").FillAsync(email);
        await inviteForm.GetByLabel("Facilitator").CheckAsync();
        await inviteForm.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(page.Locator("#members-notice")).ToHaveTextAsync($"Invitation sent to {email}.");
        await Assertions.Expect(page.Locator("#invitations")).ToContainTextAsync(email);
    }
}
