using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>The Trainer's work on a person's training record page: a refresher recorded, then signed off.</summary>
public sealed class TrainingRecordPagesTests(PortalFixture portal) : BrowserTest
{
    private static DateOnly Today => UkCalendar.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_trainer_records_a_lapsed_facilitators_refresher_and_signs_it_off_on_their_page()
    {
        var lapsed = await TestPeople.UntrainedFacilitatorAsync(portal.Web, portal.Database, "cambridgeshire", "Lee Lapsed");
        await TrainingRecords.WriteAsync(portal.Web, async db =>
        {
            await TrainingRecords.TrainedAsync(db, lapsed.UserId, Today.AddMonths(-25), signedOff: true);
            TrainingRecords.Supervised(db, lapsed.UserId, Today.AddDays(-10));
        });

        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "trainer@hamptontrust.demo", DemoSeed.Password);
        await page.GotoAsync($"/national/training?search={lapsed.Email}");
        await page.GetByRole(AriaRole.Link, new() { Name = lapsed.Email }).ClickAsync();
        await Assertions.Expect(page.Locator("#gaps")).ToContainTextAsync("May not facilitate today");

        // A refresher without its date is refused at the field.
        await page.GetByLabel("Course", new() { Exact = true }).SelectOptionAsync("FacilitatorRefresher");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record training" }));
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Locator("a[href='#f-completedOn']")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#f-completedOn-error")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        var completed = page.GetByRole(AriaRole.Group, new() { Name = "Completed on" });
        var yesterday = Today.AddDays(-1);
        await completed.GetByLabel("Day").FillAsync(yesterday.Day.ToString(CultureInfo.InvariantCulture));
        await completed.GetByLabel("Month").FillAsync(yesterday.Month.ToString(CultureInfo.InvariantCulture));
        await completed.GetByLabel("Year").FillAsync(yesterday.Year.ToString(CultureInfo.InvariantCulture));
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record training" }));
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("The training was recorded.");
        await Assertions.Expect(page.Locator("#gaps")).ToContainTextAsync("May not facilitate today");
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Workshop observed (optional)").FillAsync("Cambridge run, Workshop 2");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Sign off competence" }));
        await Assertions.Expect(page.Locator("#done")).ToHaveTextAsync("The facilitator training was signed off.");
        await Assertions.Expect(page.Locator("#competent")).ToHaveTextAsync("May facilitate a run today.");
        await Assertions.Expect(page.Locator("#training")).ToContainTextAsync("observed: Cambridge run, Workshop 2");
        await PortalFixture.CheckAsync(page);
    }
}
