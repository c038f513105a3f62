using System.Text;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>A release's journey across the two portals: the LicenceAdmin publishes it, a service downloads and acknowledges it.</summary>
public sealed class MaterialPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task The_licence_admin_publishes_a_handout_and_the_services_admin_downloads_and_acknowledges_it()
    {
        var title = "Workshop 1 handout " + Guid.NewGuid().ToString("N")[..6];
        var pdf = Encoding.ASCII.GetBytes($"%PDF-1.4\n% {title}\n{new string('x', 300)}\n%%EOF\n");

        var national = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(national, "licence-admin@hamptontrust.demo", DemoSeed.Password);
        await national.GotoAsync("/national/materials");
        await PortalFixture.CheckAsync(national);
        await national.GetByRole(AriaRole.Button, new() { Name = "Add an item" }).ClickAsync();

        // Nothing chosen: each field says what it needs.
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Add the item" }));
        await Assertions.Expect(national.Locator("#f-title-error")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(national);

        await national.GetByLabel("Title").FillAsync(title);
        await national.GetByRole(AriaRole.Group, new() { Name = "Workshop" }).GetByLabel("Workshop 1").CheckAsync();
        await national.GetByLabel("Participant handout").CheckAsync();
        await national.GetByLabel("Language").SelectOptionAsync("en");
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Add the item" }));
        await Assertions.Expect(national.Locator("#done")).ToContainTextAsync("The item was added");
        await PortalFixture.CheckAsync(national);

        await national.GetByLabel("Release notes (what changed, for the services that receive it)").FillAsync("New exercise on respect.");
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Start release v1" }));
        await Assertions.Expect(national.Locator("#done")).ToContainTextAsync("The draft release was started");

        // A file that is not one of the kinds taken is refused, and said so.
        await national.GetByLabel("Upload the file").SetInputFilesAsync(new FilePayload { Name = "handout.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("MZ not a pdf at all") });
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }));
        await Assertions.Expect(national.Locator("#material-errors")).ToContainTextAsync("content was checked");
        await PortalFixture.CheckAsync(national);

        await national.GetByLabel("Upload the file").SetInputFilesAsync(new FilePayload { Name = "handout.pdf", MimeType = "application/pdf", Buffer = pdf });
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }));
        await Assertions.Expect(national.Locator("#done")).ToHaveTextAsync("The file was uploaded and checked.");
        await PortalFixture.SubmitAsync(national.GetByRole(AriaRole.Button, new() { Name = "Publish to the licensed services" }));
        await Assertions.Expect(national.Locator("#done")).ToContainTextAsync("The release was published");
        await Assertions.Expect(national.Locator("#release-table [data-status]").First).ToHaveTextAsync("Published");
        await PortalFixture.CheckAsync(national);

        var admin = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(admin, "admin@hampshire.demo", DemoSeed.Password);
        await admin.GotoAsync("/t/hampshire");
        await Assertions.Expect(admin.Locator("#materials-banner")).ToContainTextAsync("to acknowledge");
        await admin.GotoAsync("/t/hampshire/materials");
        await PortalFixture.CheckAsync(admin);
        var row = admin.Locator("#materials tr", new() { HasText = title });
        var download = await admin.RunAndWaitForDownloadAsync(() => row.GetByRole(AriaRole.Link, new() { Name = "handout.pdf" }).ClickAsync());
        await using (var saved = await download.CreateReadStreamAsync())
        using (var copy = new MemoryStream())
        {
            await saved.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }

        await PortalFixture.SubmitAsync(row.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }));
        await Assertions.Expect(admin.Locator("#done")).ToHaveTextAsync("The release is acknowledged.");
        await Assertions.Expect(admin.Locator("#materials tr", new() { HasText = title }).Locator("[data-acknowledged]")).ToContainTextAsync("Acknowledged");
        await PortalFixture.CheckAsync(admin);

        // The licence holder sees who acknowledged, and the download.
        await national.Locator("#release-table a[href*='/releases/']").ClickAsync();
        await Assertions.Expect(national.Locator("#distribution tr[data-tenant='hampshire'] [data-acknowledged]")).ToBeVisibleAsync();
        await Assertions.Expect(national.Locator("#downloads")).ToContainTextAsync("hampshire");
        await PortalFixture.CheckAsync(national);
    }
}
