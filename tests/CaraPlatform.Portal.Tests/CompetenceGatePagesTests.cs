using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// Competence-gated scheduling in the portal: the new-run form refuses facilitators whose training or supervision does
/// not clear them, with an error-summary entry per person naming every reason and linking to their choice; once the
/// licence holder's records clear them, the same form schedules the run.
/// </summary>
public sealed class CompetenceGatePagesTests(PortalFixture portal) : BrowserTest
{
    // No other browser test writes here.
    private const string Tenant = "avon-and-somerset";

    private static DateOnly Today => UkCalendar.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task The_new_run_form_names_each_refused_facilitator_with_every_reason_and_schedules_once_they_are_cleared()
    {
        var coordinator = await TestPeople.MemberAsync(portal.Web, portal.Database, Tenant, TenantRole.Coordinator);
        var untrained = await TestPeople.UntrainedFacilitatorAsync(portal.Web, portal.Database, Tenant, "Uma Untrained");
        var lapsed = await TestPeople.UntrainedFacilitatorAsync(portal.Web, portal.Database, Tenant, "Vic Lapsed");
        await TrainingRecords.WriteAsync(portal.Web, async db =>
        {
            await TrainingRecords.TrainedAsync(db, lapsed.UserId, Today.AddMonths(-25), signedOff: true);
            TrainingRecords.Supervised(db, lapsed.UserId, Today.AddMonths(-5));
        });

        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, coordinator.Email, DemoSeed.Password);
        await page.GotoAsync($"/t/{Tenant}/runs/new");
        await page.GetByLabel("Cohort").SelectOptionAsync("IpvMale");
        await FillDateAsync(page, "Workshop 1 date", Today.AddDays(21));
        await FillDateAsync(page, "Workshop 2 date", Today.AddDays(49));
        await page.GetByRole(AriaRole.Radio, new() { Name = "At a venue" }).CheckAsync();
        var venue = await page.Locator("#f-venueId option", new() { HasText = "(12 places)" }).First.GetAttributeAsync("value");
        await page.GetByLabel("Venue (for a run held at a venue)").SelectOptionAsync(venue!);
        await page.GetByLabel("First facilitator").SelectOptionAsync(untrained.UserId.ToString());
        await page.GetByLabel("Second facilitator").SelectOptionAsync(lapsed.UserId.ToString());
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Schedule the run" }));

        // One entry per person, each reason named, each linking to the choice that holds them.
        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary.Locator("a[href='#f-facilitatorIds-0']")).ToHaveTextAsync("Uma Untrained cannot facilitate: has no facilitator training on record.");
        var second = summary.Locator("a[href='#f-facilitatorIds-1']");
        await Assertions.Expect(second).ToContainTextAsync("Vic Lapsed cannot facilitate: facilitator training is valid until");
        await Assertions.Expect(second).ToContainTextAsync("; supervision due by");
        await Assertions.Expect(page.Locator("#f-facilitatorIds-1-error")).ToContainTextAsync("Vic Lapsed");
        await PortalFixture.CheckAsync(page);

        // The Trainer records their training and supervision (as the training feature writes them): the same form is taken.
        await TrainingRecords.WriteAsync(portal.Web, async db =>
        {
            await TrainingRecords.CompetentAsync(db, untrained.UserId);
            await TrainingRecords.CompetentAsync(db, lapsed.UserId);
        });
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Schedule the run" }));
        await Assertions.Expect(page.Locator("#run-notice")).ToHaveTextAsync("The run is scheduled.");
    }

    /// <summary>Types a date into its day, month and year boxes (the GOV.UK date-input pattern).</summary>
    private static async Task FillDateAsync(IPage page, string legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
