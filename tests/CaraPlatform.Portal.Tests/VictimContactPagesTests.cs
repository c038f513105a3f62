using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// A victim-contact case through the portal: the worker takes it from the caseload, is refused a contact without a
/// safe-contact check, records the check, the contact, a MARAC escalation and the change after Workshop 1, and closes
/// the case once the participant has completed.
/// </summary>
public sealed class VictimContactPagesTests(PortalFixture portal) : BrowserTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task The_worker_walks_a_case_from_the_caseload_to_closure()
    {
        await using var host = new FakeClockPortal(portal);
        var worker = await host.MemberAsync(Tenant, TenantRole.VictimContactWorker);
        var referral = await WorkshopApi.EligibleAsync(await host.ApiClientAsync(Tenant), Tenant);
        await MoveAsync(host, referral.Id, r => r.Book(Actor, host.Clock), r => r.RecordWorkshop1Attended(Actor, host.Clock));

        var page = await host.NewPageAsync();
        await PortalFixture.SignInAsync(page, worker.Email, DemoSeed.Password);
        await page.GetByRole(AriaRole.Link, new() { Name = "Victim contact" }).First.ClickAsync();
        await page.GetByLabel("Show").SelectOptionAsync("unassigned");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show cases" }).ClickAsync();
        await PortalFixture.CheckAsync(page);
        await page.Locator("#cases tbody tr", new() { HasText = referral.PoliceReference }).GetByRole(AriaRole.Link).ClickAsync();
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Take this case" }));
        await Assertions.Expect(page.Locator("#case-summary")).ToContainTextAsync("Test person");
        await PortalFixture.CheckAsync(page);

        // A contact without a fresh safe-contact check is refused with the reason.
        await Contact(page);
        await Assertions.Expect(page.Locator("#case-errors")).ToContainTextAsync("safe-contact check");
        await PortalFixture.CheckAsync(page);

        var check = await OpenAsync(page, "form-check");
        await check.GetByLabel("Text message").CheckAsync();
        await check.GetByLabel("When contact is safe").FillAsync("Weekday mornings");
        await check.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await check.GetByLabel("Code word, if any").FillAsync("Marigold");
        await PortalFixture.SubmitAsync(check.GetByRole(AriaRole.Button, new() { Name = "Record the check" }));
        await Assertions.Expect(page.Locator("#case-done")).ToHaveTextAsync("Safe-contact check recorded.");
        await Contact(page);
        await Assertions.Expect(page.Locator("#case-done")).ToHaveTextAsync("Contact attempt recorded.");

        var escalation = await OpenAsync(page, "form-escalation");
        await escalation.GetByLabel("MARAC").CheckAsync();
        await escalation.GetByLabel("The concern").FillAsync("Threats since the caution");
        await escalation.GetByLabel("What was shared").FillAsync("Risk summary");
        await escalation.GetByLabel("Shared with (person or team)").FillAsync("MARAC coordinator");
        await escalation.GetByLabel("Lawful basis").FillAsync("DPA 2018 s.35 safeguarding");
        await escalation.GetByLabel("Why it was necessary").FillAsync("Risk of serious harm");
        await PortalFixture.SubmitAsync(escalation.GetByRole(AriaRole.Button, new() { Name = "Record the escalation" }));
        await Assertions.Expect(page.Locator("#case-done")).ToHaveTextAsync("Safeguarding escalation recorded.");

        var change = await OpenAsync(page, "form-change");
        await change.GetByLabel("After Workshop 1").CheckAsync();
        await change.GetByLabel("Improved").CheckAsync();
        await PortalFixture.SubmitAsync(change.GetByRole(AriaRole.Button, new() { Name = "Record the change" }));
        await Assertions.Expect(page.Locator("#case-done")).ToHaveTextAsync("Victim-reported change recorded.");

        // Closing waits for Workshop 2.
        await CloseAsync(page);
        await Assertions.Expect(page.Locator("#case-errors")).ToContainTextAsync("still AttendedWorkshop1");
        await MoveAsync(host, referral.Id, r => r.RecordWorkshop2Attended(Actor, host.Clock));
        await CloseAsync(page);
        await Assertions.Expect(page.Locator("#case-done")).ToHaveTextAsync("Closure recorded.");
        var entries = page.Locator("#entries .entry");
        await Assertions.Expect(entries).ToHaveCountAsync(5);
        await Assertions.Expect(page.Locator("#entries")).ToContainTextAsync("Marigold");
        await Assertions.Expect(page.Locator("#entries")).ToContainTextAsync("DPA 2018 s.35 safeguarding");
        await PortalFixture.CheckAsync(page);

        await using var db = portal.Database.SuperuserContext();
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == "victim-disclosure" && a.Subject == $"victim:{referral.Id}"));
    }

    private static readonly ReferralActor Actor = new(Guid.Empty, "Test");

    private static async Task<ILocator> OpenAsync(IPage page, string id)
    {
        var details = page.Locator($"#{id}");
        await details.Locator("summary").ClickAsync();
        return details;
    }

    private static async Task Contact(IPage page)
    {
        var contact = await OpenAsync(page, "form-contact");
        await contact.GetByLabel("Phone").CheckAsync();
        await contact.GetByLabel("Spoke to the victim").CheckAsync();
        await contact.GetByLabel("What happened").FillAsync("Talked through the safety plan");
        await PortalFixture.SubmitAsync(contact.GetByRole(AriaRole.Button, new() { Name = "Record the attempt" }));
    }

    private static async Task CloseAsync(IPage page)
    {
        var close = await OpenAsync(page, "form-close");
        await close.GetByLabel("Why the case closes").FillAsync("Programme completed");
        await PortalFixture.SubmitAsync(close.GetByRole(AriaRole.Button, new() { Name = "Close the case" }));
    }

    private static async Task MoveAsync(FakeClockPortal host, Guid referralId, params Action<Referral>[] moves)
    {
        await using var db = host.Portal.Database.AppContext(await host.Portal.Database.TenantAsync(Tenant), host.Web.Services);
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId);
        foreach (var move in moves) move(referral);
        await db.SaveChangesAsync();
    }
}
