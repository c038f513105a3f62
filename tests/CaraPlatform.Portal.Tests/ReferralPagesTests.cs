using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>A referral's way through the portal: the SPOC refers, the coordinator screens, the SPOC hears back.</summary>
public sealed class ReferralPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task The_spoc_refers_and_the_coordinator_screens_one_referral_eligible_and_returns_another()
    {
        var spoc = await SignedInAsync("spoc@hampshire.demo");
        var referred = await ReferAsync(spoc);
        var eligible = referred.PoliceReference!;

        await spoc.GotoAsync("/t/hampshire/referrals");
        await PortalFixture.CheckAsync(spoc);
        await spoc.GetByLabel("Police reference starts with").FillAsync(eligible);
        await SearchAsync(spoc.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }));
        var row = spoc.Locator("#referrals tbody tr", new() { HasText = eligible });
        await Assertions.Expect(row).ToContainTextAsync($"{referred.Offender!.GivenName} {referred.Offender.FamilyName}");
        await Assertions.Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Received");
        await PortalFixture.CheckAsync(spoc);

        // The search finds it by the offender's name and date of birth, typed as day, month and year.
        await spoc.GotoAsync("/t/hampshire/referrals");
        await spoc.GetByLabel("Police reference or offender's name").FillAsync(referred.Offender.FamilyName!.ToUpperInvariant());
        var born = referred.Offender.DateOfBirth!.Value;
        await spoc.Locator("#f-dateOfBirth").FillAsync(born.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await spoc.Locator("#f-dateOfBirth-month").FillAsync(born.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await spoc.Locator("#f-dateOfBirth-year").FillAsync(born.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await SearchAsync(spoc.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        await Assertions.Expect(spoc.Locator("#results-heading")).ToHaveTextAsync("Search results");
        await Assertions.Expect(spoc.Locator("#referrals")).ToContainTextAsync(referred.Offender.FamilyName);
        await PortalFixture.CheckAsync(spoc);

        // A date that is not one: the error summary links to the day box.
        await spoc.Locator("#f-dateOfBirth").FillAsync("31");
        await spoc.Locator("#f-dateOfBirth-month").FillAsync("2");
        await SearchAsync(spoc.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }));
        await Assertions.Expect(spoc.Locator(".govuk-error-summary a[href='#f-dateOfBirth']")).ToHaveTextAsync("Date of birth must be a real date");
        await PortalFixture.CheckAsync(spoc);

        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        await ScreenAsync(coordinator, eligible, "Eligible", reason: null);
        await Assertions.Expect(coordinator.Locator("#referral-status")).ToHaveTextAsync("Eligible");
        await Assertions.Expect(coordinator.Locator("#referral-notice")).ToHaveTextAsync("Done: Screened eligible.");
        var timeline = coordinator.Locator("#referral-timeline");
        await Assertions.Expect(timeline).ToContainTextAsync("Screening started");
        await Assertions.Expect(timeline.Locator(".moj-timeline__item", new() { HasText = "Screened eligible" })).ToContainTextAsync("Eligible");
        await PortalFixture.CheckAsync(coordinator);

        var returned = (await ReferAsync(spoc)).PoliceReference!;
        await ScreenAsync(coordinator, returned, "Ineligible", "Coercive control disclosed at the screening call.");
        await Assertions.Expect(coordinator.Locator("#referral-status")).ToHaveTextAsync("Returned: not eligible");
        await Assertions.Expect(coordinator.Locator("#referral-timeline .moj-timeline__item", new() { HasText = "Returned: not eligible" }))
            .ToContainTextAsync("Coercive control disclosed at the screening call.");

        await coordinator.GotoAsync("/t/hampshire/referrals/screening");
        await Assertions.Expect(coordinator.Locator("h1")).ToHaveTextAsync("Screening queue");
        await PortalFixture.CheckAsync(coordinator);

        // The SPOC sees the outcome on the referral; the victim is never on it.
        await OpenAsync(spoc, returned);
        await Assertions.Expect(spoc.Locator("#referral-status")).ToHaveTextAsync("Returned: not eligible");
        await Assertions.Expect(spoc.Locator("main")).Not.ToContainTextAsync(referred.Victim!.FamilyName!);
        await PortalFixture.CheckAsync(spoc);

        // The victim-contact worker reads the victim's details on their own page, under its warning.
        var victimContact = await SignedInAsync("victim-contact@hampshire.demo");
        await OpenAsync(victimContact, returned);
        await victimContact.GetByRole(AriaRole.Link, new() { Name = "Victim's details" }).ClickAsync();
        await Assertions.Expect(victimContact.Locator(".govuk-warning-text")).ToContainTextAsync("For the victim-contact service only");
        await PortalFixture.CheckAsync(victimContact);
    }

    [Fact]
    public async Task The_spoc_finds_a_returned_referral_in_the_notices_inbox()
    {
        var spoc = await SignedInAsync("spoc@hampshire.demo");
        var returned = (await ReferAsync(spoc)).PoliceReference!;
        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        await ScreenAsync(coordinator, returned, "Ineligible", "DASH risk assessed as high at screening.");
        await Assertions.Expect(coordinator.Locator("#referral-status")).ToHaveTextAsync("Returned: not eligible");

        // The dispatcher moves the notice from the outbox to the inbox within a round or two: the SPOC refreshes until it is
        // there. On two cores shared with the other test assembly and the demo history's backlog of events, allow a minute.
        var notice = spoc.Locator("main :is(tr, li, article)", new() { HasText = returned }).First;
        for (var attempt = 0; attempt < 90; attempt++)
        {
            await spoc.GotoAsync("/t/hampshire/notices");
            if (await notice.CountAsync() > 0) break;
            await Task.Delay(500);
        }

        await Assertions.Expect(notice).ToContainTextAsync("Referral returned: not eligible");
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);
        return page;
    }

    /// <summary>Fills in the new-referral form from the service home with <see cref="ReferralApi.New"/>'s referral, and sends it.</summary>
    private static async Task<CreateReferralRequest> ReferAsync(IPage page)
    {
        var referral = ReferralApi.New();
        var (officer, offence, offender, answers, victimDetails) = (referral.Officer!, referral.Offence!, referral.Offender!, referral.Eligibility!, referral.Victim!);
        await page.GotoAsync("/t/hampshire");
        await page.GetByRole(AriaRole.Link, new() { Name = "Make a new referral" }).ClickAsync();
        await PortalFixture.CheckAsync(page);

        // Sent empty, the form names each missing answer in the error summary, linked to its field.
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }));
        await Assertions.Expect(page.Locator(".govuk-error-summary a[href='#f-policeReference']")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);

        await page.GetByLabel("Police reference").FillAsync(referral.PoliceReference!);
        await page.GetByLabel("Force").SelectOptionAsync(referral.ForceCode!);
        await page.GetByLabel("Disposal type").SelectOptionAsync(referral.DisposalType.ToString()!);
        await FillDateAsync(page, "disposalDate", referral.DisposalDate!.Value);
        await page.GetByLabel("Officer's rank and name").FillAsync(officer.Name!);
        await page.GetByLabel("Collar number").FillAsync(officer.CollarNumber!);
        await page.GetByLabel("Officer's email").FillAsync(officer.Email!);
        await page.GetByLabel("Offence type").SelectOptionAsync(offence.TypeCode!);
        await FillDateAsync(page, "offence-date", offence.Date!.Value);
        await page.GetByLabel("Offender's relationship to the person harmed").SelectOptionAsync(offence.Relationship.ToString()!);
        await page.GetByLabel("Offender's given name").FillAsync(offender.GivenName!);
        await page.GetByLabel("Offender's family name").FillAsync(offender.FamilyName!);
        await FillDateAsync(page, "offender-dateOfBirth", offender.DateOfBirth!.Value);
        await page.GetByLabel("Offender's sex").SelectOptionAsync(offender.Sex.ToString()!);
        await page.GetByLabel("Postcode").FillAsync(offender.Postcode!);

        foreach (var (question, answer) in new[]
        {
            ("onBail", answers.OnBail), ("subjectToCourtOrderOrCommunitySentence", answers.SubjectToCourtOrderOrCommunitySentence),
            ("evidenceOfCoerciveOrControllingBehaviour", answers.EvidenceOfCoerciveOrControllingBehaviour),
            ("victimViewsRecorded", answers.VictimViewsRecorded), ("specificRiskToVictimFromCaution", answers.SpecificRiskToVictimFromCaution),
        }.Concat(answers.TenantAnswers!.Select(a => ($"tenantAnswers-{a.Key}", (bool?)a.Value))))
        {
            await page.Locator($"#f-eligibility-{question}{(answer == true ? "" : "-2")}").CheckAsync();
        }

        await page.GetByLabel("DASH score").FillAsync(answers.Dash!.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("DASH risk level").SelectOptionAsync(answers.Dash.AssessedLevel.ToString()!);

        var victim = page.Locator("#victim-section");
        await Assertions.Expect(victim.Locator("> legend")).ToHaveTextAsync("The victim: for the victim-contact service only");
        await Assertions.Expect(victim.Locator(".govuk-warning-text")).ToContainTextAsync("stored encrypted");
        await victim.GetByLabel("Victim's given name").FillAsync(victimDetails.GivenName!);
        await victim.GetByLabel("Victim's family name").FillAsync(victimDetails.FamilyName!);
        await victim.GetByLabel("Victim's relationship to the offender").SelectOptionAsync(victimDetails.Relationship.ToString()!);
        await victim.GetByLabel("Safe way to make contact").SelectOptionAsync(victimDetails.SafeContactMethod.ToString()!);
        await victim.GetByLabel("Victim's safe phone").FillAsync(victimDetails.Phone!);
        await victim.Locator($"#f-victim-contactConsented{(victimDetails.ContactConsented == true ? "" : "-2")}").CheckAsync();

        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }));
        await Assertions.Expect(page.Locator("#referral-notice")).ToHaveTextAsync("The referral was sent.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Referral {referral.PoliceReference}");
        await Assertions.Expect(page.Locator("#referral-status")).ToHaveTextAsync("Received");
        await Assertions.Expect(page.Locator("main")).Not.ToContainTextAsync(victimDetails.FamilyName!);
        await PortalFixture.CheckAsync(page);
        return referral;
    }

    private static async Task OpenAsync(IPage page, string reference)
    {
        await page.GotoAsync($"/t/hampshire/referrals?policeReference={Uri.EscapeDataString(reference)}");
        await page.GetByRole(AriaRole.Link, new() { Name = reference, Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Referral {reference}");
    }

    /// <summary>From the referral's page: start screening, then decide on the screening form.</summary>
    private static async Task ScreenAsync(IPage page, string reference, string decision, string? reason)
    {
        await OpenAsync(page, reference);
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Start screening" }));
        await Assertions.Expect(page.Locator("#referral-status")).ToHaveTextAsync("Screening");
        await PortalFixture.CheckAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Record the screening decision" }).ClickAsync();
        // The checklist starts from the police's answers, so the task list shows them complete and the decision to make.
        await Assertions.Expect(page.Locator("#f-answers-victimViewsRecorded")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("DASH score")).ToHaveValueAsync("4");
        await Assertions.Expect(page.Locator("#task-answers")).ToHaveTextAsync("Completed");
        await Assertions.Expect(page.Locator("#task-decision")).ToHaveTextAsync("Not yet started");
        await PortalFixture.CheckAsync(page);
        await page.GetByRole(AriaRole.Radio, new() { Name = decision == "Eligible" ? "Eligible" : "Ineligible: return to the police", Exact = true }).CheckAsync();
        if (reason is not null) await page.GetByLabel("Reason (required to return").FillAsync(reason);
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }));
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Referral {reference}");
    }

    /// <summary>Submits the list's search and filter form (a GET) and waits for the list it answers with.</summary>
    private static Task<IResponse> SearchAsync(ILocator button) =>
        button.Page.RunAndWaitForResponseAsync(() => button.ClickAsync(), r => r.Request.Method == "GET" && r.Url.Contains("/referrals?", StringComparison.Ordinal));

    /// <summary>Types a date into a day-month-year field as a person would.</summary>
    private static async Task FillDateAsync(IPage page, string id, DateOnly date)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        await page.Locator($"#f-{id}").FillAsync(date.Day.ToString(culture));
        await page.Locator($"#f-{id}-month").FillAsync(date.Month.ToString(culture));
        await page.Locator($"#f-{id}-year").FillAsync(date.Year.ToString(culture));
    }
}
