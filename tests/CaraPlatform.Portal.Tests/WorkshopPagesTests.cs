using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// A referral's way through the workshops in the portal, on a host whose clock the test moves: the coordinator
/// schedules and books, the facilitator takes both registers (on a tablet) and the feedback, the SPOC follows it.
/// </summary>
public sealed class WorkshopPagesTests(PortalFixture portal) : BrowserTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task The_coordinator_schedules_and_books_the_facilitator_takes_both_registers_and_feedback_and_the_spoc_sees_completion()
    {
        await using var host = new FakeClockPortal(portal);
        var coordinatorPerson = await host.MemberAsync(Tenant, TenantRole.Coordinator);
        var facilitatorPerson = await host.MemberAsync(Tenant, TenantRole.Facilitator);
        var otherFacilitator = await host.MemberAsync(Tenant, TenantRole.Facilitator);
        var spocPerson = await host.MemberAsync(Tenant, TenantRole.ForceSpoc);
        var referral = await WorkshopApi.EligibleAsync(await host.ApiClientAsync(Tenant), Tenant);

        // The coordinator schedules a run from the calendar, typing each date as day, month and year.
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var workshop1 = today.AddDays(14);
        var workshop2 = workshop1.AddDays(28);
        var coordinator = await SignedInAsync(host, coordinatorPerson.Email);
        await coordinator.GotoAsync($"/t/{Tenant}/runs");
        await PortalFixture.CheckAsync(coordinator);
        await coordinator.GetByRole(AriaRole.Button, new() { Name = "Schedule a run" }).ClickAsync();
        await PortalFixture.CheckAsync(coordinator);
        await coordinator.GetByLabel("Cohort").SelectOptionAsync("IpvMale");
        await coordinator.GetByLabel("Language of delivery").SelectOptionAsync("en");
        await FillDateAsync(coordinator, "Workshop 1 date", workshop1);
        await Assertions.Expect(coordinator.GetByLabel("Workshop 1 starts at")).ToHaveValueAsync("10:00");
        await FillDateAsync(coordinator, "Workshop 2 date", workshop2);
        await coordinator.GetByRole(AriaRole.Radio, new() { Name = "At a venue" }).CheckAsync();
        await coordinator.GetByLabel("Venue (for a run held at a venue)").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await coordinator.GetByLabel("First facilitator").SelectOptionAsync(facilitatorPerson.UserId.ToString());
        await coordinator.GetByLabel("Second facilitator").SelectOptionAsync(otherFacilitator.UserId.ToString());

        // A day the month does not have is named at the field and in the error summary, which links to it.
        var workshop2Date = coordinator.GetByRole(AriaRole.Group, new() { Name = "Workshop 2 date" });
        await workshop2Date.GetByLabel("Day").FillAsync("31");
        await workshop2Date.GetByLabel("Month").FillAsync("2");
        await PortalFixture.SubmitAsync(coordinator.GetByRole(AriaRole.Button, new() { Name = "Schedule the run" }));
        await Assertions.Expect(coordinator.Locator("#f-workshop2-date-error")).ToContainTextAsync("Date must be a real date");
        await Assertions.Expect(coordinator.Locator(".govuk-error-summary a[href='#f-workshop2-date']").First).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(coordinator);
        await FillDateAsync(coordinator, "Workshop 2 date", workshop2);
        await PortalFixture.SubmitAsync(coordinator.GetByRole(AriaRole.Button, new() { Name = "Schedule the run" }));
        await Assertions.Expect(coordinator.Locator("#run-notice")).ToHaveTextAsync("The run is scheduled.");
        await PortalFixture.CheckAsync(coordinator);
        var runId = Guid.Parse(coordinator.Url.Split('/').Last().Split('?')[0]);
        var runUrl = $"/t/{Tenant}/runs/{runId}";

        // ... and books the eligible referral onto it from the referral's page.
        await coordinator.GotoAsync($"/t/{Tenant}/referrals/{referral.Id}");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Book onto a run" }).ClickAsync();
        var row = coordinator.Locator($"#fitting-runs tr[data-run-id='{runId}']");
        await Assertions.Expect(row).ToContainTextAsync("12 of 12");
        await PortalFixture.CheckAsync(coordinator);
        await PortalFixture.SubmitAsync(row.GetByRole(AriaRole.Button));
        await Assertions.Expect(coordinator.Locator("#referral-status")).ToHaveTextAsync("Booked");
        await Assertions.Expect(coordinator.Locator("#referral-bookings")).ToContainTextAsync("Booked");

        // ... and opens the booking letter from the run's page.
        await coordinator.GotoAsync(runUrl);
        var participant = coordinator.Locator("#participants tbody tr", new() { HasText = referral.PoliceReference });
        await Assertions.Expect(participant).ToContainTextAsync("Daniel Marsh");
        await Assertions.Expect(participant.Locator(".govuk-tag")).ToHaveTextAsync("Booked");
        await PortalFixture.CheckAsync(coordinator);
        var letterHref = await participant.GetByRole(AriaRole.Link, new() { Name = "Print letter" }).GetAttributeAsync("href");
        var letter = await coordinator.Context.APIRequest.GetAsync(letterHref!);
        Assert.Equal(200, letter.Status);
        Assert.StartsWith("application/pdf", letter.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString((await letter.BodyAsync())[..4]));

        // Before Workshop 1 starts the register says when it opens.
        var early = await SignedInAsync(host, facilitatorPerson.Email, tablet: true);
        await early.GotoAsync($"{runUrl}/register/Workshop1");
        await Assertions.Expect(early.Locator("#register-not-open")).ToContainTextAsync("The register opens at");
        await Assertions.Expect(early.Locator("#register-form")).ToHaveCountAsync(0);
        await PortalFixture.CheckAsync(early);

        // Workshop 1 has started: the facilitator records the register on a tablet.
        host.Clock.SetUtcNow(UkCalendar.At(workshop1, new TimeOnly(10, 20)));
        var facilitator = await SignedInAsync(host, facilitatorPerson.Email, tablet: true);
        await RecordAttendedAsync(facilitator, runId, referral.Id, "Workshop 1 register");
        await Assertions.Expect(facilitator.Locator($"#register-marks tr[data-referral-id='{referral.Id}'] .mark")).ToHaveTextAsync("Attended");

        // The recorded register prints as a page of its own: the marks, without navigation, banner or links to act on.
        await facilitator.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(facilitator.Locator("#register-marks")).ToBeVisibleAsync();
        foreach (var chrome in new[] { ".govuk-generic-header", ".govuk-service-navigation", ".govuk-back-link", ".govuk-footer", ".govuk-notification-banner" })
            await Assertions.Expect(facilitator.Locator(chrome)).ToBeHiddenAsync();
        await facilitator.EmulateMediaAsync(new() { Media = Media.Screen });

        // Workshop 2 has started: the facilitator records attended and the feedback.
        host.Clock.SetUtcNow(UkCalendar.At(workshop2, new TimeOnly(10, 15)));
        facilitator = await SignedInAsync(host, facilitatorPerson.Email, tablet: true);
        await RecordAttendedAsync(facilitator, runId, referral.Id, "Workshop 2 register");
        var marked = facilitator.Locator($"#register-marks tr[data-referral-id='{referral.Id}']");
        await Assertions.Expect(marked.Locator(".mark")).ToHaveTextAsync("Attended");
        await Assertions.Expect(marked).ToContainTextAsync("Completed");
        await marked.GetByRole(AriaRole.Link, new() { Name = "Feedback" }).ClickAsync();
        await AssertFitsTabletAsync(facilitator);
        await PortalFixture.CheckAsync(facilitator);
        foreach (var question in FeedbackQuestionSet.PostCourseDefaults.Questions) // hampshire asks the programme's questions
            await facilitator.Locator($"fieldset[data-question='{question.Code}']").GetByText("4 – Agree").ClickAsync();
        await PortalFixture.SubmitAsync(facilitator.GetByRole(AriaRole.Button, new() { Name = "Record the feedback" }));
        await Assertions.Expect(facilitator.Locator("#register-notice")).ToHaveTextAsync("The feedback is recorded.");
        await PortalFixture.CheckAsync(facilitator);

        // The SPOC sees the referral completed, with the booking and both marks; never the victim.
        var spoc = await SignedInAsync(host, spocPerson.Email);
        await spoc.GotoAsync($"/t/{Tenant}/referrals/{referral.Id}");
        await Assertions.Expect(spoc.Locator("#referral-status")).ToHaveTextAsync("Completed");
        var booking = spoc.Locator("#referral-bookings tbody tr").First;
        await Assertions.Expect(booking).ToContainTextAsync(workshop1.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await Assertions.Expect(booking).ToContainTextAsync("Completed");
        await Assertions.Expect(booking.Locator(".mark-1")).ToHaveTextAsync("Attended");
        await Assertions.Expect(booking.Locator(".mark-2")).ToHaveTextAsync("Attended");
        await Assertions.Expect(spoc.Locator("main")).Not.ToContainTextAsync("Vale-Secret");
    }

    /// <summary>From "My workshops", opens the run's register, marks the participant Attended and records it.</summary>
    private static async Task RecordAttendedAsync(IPage facilitator, Guid runId, Guid referralId, string registerLink)
    {
        await facilitator.GotoAsync($"/t/{Tenant}/my-workshops");
        await AssertFitsTabletAsync(facilitator);
        await PortalFixture.CheckAsync(facilitator);
        await facilitator.Locator($".run-card[data-run-id='{runId}']").GetByRole(AriaRole.Link, new() { Name = registerLink }).ClickAsync();
        var person = facilitator.Locator($"#register-form fieldset[data-referral-id='{referralId}']");
        await Assertions.Expect(person).ToContainTextAsync("Daniel Marsh");
        await AssertFitsTabletAsync(facilitator);
        await PortalFixture.CheckAsync(facilitator);
        var attended = person.Locator("label.mark-option", new() { HasText = "Attended" });
        var box = await attended.BoundingBoxAsync();
        Assert.True(box is { Height: >= 44, Width: >= 44 }, $"the Attended choice is {box?.Width}×{box?.Height}: too small to touch");
        await attended.ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Radio, new() { Name = "Attended" })).ToBeCheckedAsync();
        await PortalFixture.SubmitAsync(facilitator.GetByRole(AriaRole.Button, new() { Name = "Record the register" }));
        await Assertions.Expect(facilitator.Locator("#register-notice")).ToHaveTextAsync("The register is recorded.");
        await AssertFitsTabletAsync(facilitator);
        await PortalFixture.CheckAsync(facilitator);
    }

    /// <summary>Nothing on the page is wider than the tablet's screen.</summary>
    private static async Task AssertFitsTabletAsync(IPage page)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"the page scrolls sideways by {overflow}px at 768px wide");
    }

    private static async Task<IPage> SignedInAsync(FakeClockPortal host, string email, bool tablet = false)
    {
        var page = tablet ? await host.NewPageAsync(768, 1024) : await host.NewPageAsync();
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);
        return page;
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
