namespace CaraPlatform.Web.Tests.Features.Referrals;

public sealed partial class ReferralPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("facilitator@hampshire.demo")]
    [InlineData("coordinator@hampshire.demo")]
    [InlineData("spoc@hampshire.demo")]
    public async Task Staff_and_police_never_see_the_victim_on_the_referral_pages_and_are_refused_the_victim_page(string email)
    {
        // A participant of a run the demo facilitator runs, so that the facilitator may read the referral too.
        var api = await fixture.ApiClientAsync("hampshire");
        var referral = await WorkshopApi.EligibleAsync(api, "hampshire");
        var colleague = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        var run = await WorkshopApi.ScheduleAsync(api, "hampshire", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(16),
            await fixture.UserIdAsync("facilitator@hampshire.demo"), colleague.UserId);
        await WorkshopApi.BookAsync(api, "hampshire", run, referral);
        var browser = await SignedInAsync(email);

        var detail = await UserTokens.GetOkAsync(browser, $"/t/hampshire/referrals/{referral.Id}");
        Assert.Contains(referral.PoliceReference, detail, StringComparison.Ordinal);
        Assert.Contains("Daniel", detail, StringComparison.Ordinal);
        var list = await UserTokens.GetOkAsync(browser, $"/t/hampshire/referrals?policeReference={Uri.EscapeDataString(referral.PoliceReference)}");
        Assert.Contains(referral.PoliceReference, list, StringComparison.Ordinal);
        foreach (var page in new[] { detail, list })
        {
            foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, page, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("/victim\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("/victim-contact/", page, StringComparison.Ordinal);
        }

        using var victim = await browser.GetAsync($"/t/hampshire/referrals/{referral.Id}/victim");
        Assert.Equal(HttpStatusCode.Redirect, victim.StatusCode);
        using var denied = await browser.GetAsync(victim.Headers.Location);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }

    [Fact]
    public async Task The_victim_contact_worker_sees_the_victims_details_on_their_own_page_only()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));
        var browser = await SignedInAsync("victim-contact@hampshire.demo");

        var detail = await UserTokens.GetOkAsync(browser, $"/t/hampshire/referrals/{referral.Id}");
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/t/hampshire/referrals/{referral.Id}/victim", detail, StringComparison.Ordinal);

        // The case is one link away, for the worker and for a provider admin.
        var caseLink = $"/t/hampshire/victim-contact/{await CaseIdAsync(referral.Id)}";
        Assert.Contains(caseLink, detail, StringComparison.Ordinal);
        await UserTokens.GetOkAsync(browser, caseLink);
        Assert.Contains(caseLink, await UserTokens.GetOkAsync(await SignedInAsync("admin@hampshire.demo"), $"/t/hampshire/referrals/{referral.Id}"), StringComparison.Ordinal);

        // The record opens only after the worker says why.
        var form = await UserTokens.GetOkAsync(browser, $"/t/hampshire/referrals/{referral.Id}/victim");
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, form, StringComparison.OrdinalIgnoreCase);
        using var unjustified = await browser.PostAsync($"/t/hampshire/referrals/{referral.Id}/victim", UserTokens.Form(form, [new("reason", "")]));
        Assert.Contains("must say why", await unjustified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var victim = await browser.PostAsync($"/t/hampshire/referrals/{referral.Id}/victim", UserTokens.Form(form, [new("reason", "Safe-contact check before a call")]));
        var page = await victim.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, victim.StatusCode);
        Assert.True(victim.Headers.CacheControl?.NoStore);
        foreach (var value in ReferralApi.VictimValues) Assert.Contains(value, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("/victim")]
    [InlineData("/screen")]
    public async Task A_member_of_another_tenant_gets_404_on_a_hampshire_referral(string suffix)
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));
        foreach (var email in new[] { "admin@west-yorkshire.demo", "victim-contact@west-yorkshire.demo", "coordinator@west-yorkshire.demo" })
        {
            var browser = await SignedInAsync(email);
            using var response = await browser.GetAsync($"/t/hampshire/referrals/{referral.Id}{suffix}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            // Its own tenant's URL does not find the hampshire referral either.
            using var own = await browser.GetAsync($"/t/west-yorkshire/referrals/{referral.Id}");
            Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        }
    }

    [Fact]
    public async Task The_new_referral_form_names_each_field_at_fault_and_links_a_duplicate_police_reference()
    {
        var existing = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));
        var browser = await SignedInAsync("spoc@hampshire.demo");
        var form = await UserTokens.GetOkAsync(browser, "/t/hampshire/referrals/new");

        using var empty = await browser.PostAsync("/t/hampshire/referrals/new", UserTokens.Form(form, new Dictionary<string, string>
        {
            // As a browser sends an untouched form: empty text fields, no value for unchosen radios.
            ["Input.policeReference"] = "",
            ["Input.officer.email"] = "",
            ["Input.offender.givenName"] = "",
            ["Input.offender.postcode"] = "not a postcode",
            ["Input.eligibility.dash.score"] = "",
            ["Input.victim.safeContactMethod"] = "Email",
            ["Input.victim.email"] = "",
        }));
        var errors = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        foreach (var field in new[] { "policeReference", "offender-givenName", "offender-postcode", "eligibility-onBail", "victim-email", "officer-email" })
            Assert.Contains($"id=\"f-{field}-error\"", errors, StringComparison.Ordinal);

        using var duplicate = await browser.PostAsync("/t/hampshire/referrals/new",
            UserTokens.Form(form, ReferralApi.FormFields(ReferralApi.New(policeReference: existing.PoliceReference))));
        var refused = await duplicate.Content.ReadAsStringAsync();
        Assert.Contains("was already referred", refused, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/hampshire/referrals/{existing.Id}\"", refused, StringComparison.Ordinal);

        var request = ReferralApi.New();
        using var created = await browser.PostAsync("/t/hampshire/referrals/new", UserTokens.Form(form, ReferralApi.FormFields(request)));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detail = await UserTokens.GetOkAsync(browser, created.Headers.Location!.ToString());
        Assert.Contains(request.PoliceReference!, detail, StringComparison.Ordinal);
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_move_from_a_stale_page_is_refused_naming_the_current_state()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));
        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        var page = await UserTokens.GetOkAsync(coordinator, $"/t/hampshire/referrals/{referral.Id}");
        var fields = new Dictionary<string, string> { ["version"] = referral.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) };

        using var started = await coordinator.PostAsync($"/t/hampshire/referrals/{referral.Id}?handler=StartScreening", UserTokens.Form(page, fields));
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        using var again = await coordinator.PostAsync($"/t/hampshire/referrals/{referral.Id}?handler=StartScreening", UserTokens.Form(page, fields));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("it is now Screening", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // With the current version the move is still illegal from Screening: 409 naming the state, and no button for it.
        var current = await UserTokens.GetOkAsync(coordinator, $"/t/hampshire/referrals/{referral.Id}");
        Assert.DoesNotContain("handler=StartScreening", current, StringComparison.Ordinal);
        var version = VersionField().Match(current).Groups[1].Value;
        using var illegal = await coordinator.PostAsync($"/t/hampshire/referrals/{referral.Id}?handler=StartScreening",
            UserTokens.Form(current, new Dictionary<string, string> { ["version"] = version }));
        Assert.Equal(HttpStatusCode.Conflict, illegal.StatusCode);
        Assert.Contains("This referral is now Screening", await illegal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The police may not make the provider's moves, whatever the form says.
        var spoc = await SignedInAsync("spoc@hampshire.demo");
        var spocPage = await UserTokens.GetOkAsync(spoc, $"/t/hampshire/referrals/{referral.Id}");
        Assert.DoesNotContain("handler=ReturnUncontactable", spocPage, StringComparison.Ordinal);
        using var refused = await spoc.PostAsync($"/t/hampshire/referrals/{referral.Id}?handler=ReturnUncontactable",
            UserTokens.Form(spocPage, new Dictionary<string, string> { ["reason"] = "No answer", ["version"] = "0" }));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("access-denied", refused.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Screening_eligible_against_the_rules_shows_each_failed_rule()
    {
        var api = await fixture.ApiClientAsync("hampshire");
        var referral = await ReferralApi.CreateAsync(api);
        referral = await ReferralApi.MoveAsync(api, "hampshire", referral, "start-screening", new VersionRequest(referral.Version));
        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        var form = await UserTokens.GetOkAsync(coordinator, $"/t/hampshire/referrals/{referral.Id}/screen");
        Assert.Contains("value=\"true\" checked>", form, StringComparison.Ordinal); // pre-filled from the police's answers

        var against = ReferralApi.EligibleAnswers() with { OnBail = true, EvidenceOfCoerciveOrControllingBehaviour = true };
        using var response = await coordinator.PostAsync($"/t/hampshire/referrals/{referral.Id}/screen",
            UserTokens.Form(form, ReferralApi.FormFields(new ScreeningDecisionRequest(against, ScreeningDecision.Eligible, null, referral.Version))));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"data-code=\"{EligibilityRules.Codes.OnBail}\"", page, StringComparison.Ordinal);
        Assert.Contains($"data-code=\"{EligibilityRules.Codes.CoerciveControl}\"", page, StringComparison.Ordinal);
        Assert.Equal(ReferralStatus.Screening, (await (await api.GetAsync($"{ReferralApi.Url("hampshire")}/{referral.Id}")).ReadAs<ReferralResponse>()).Status);
    }

    private async Task<Guid> CaseIdAsync(Guid referralId)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync("hampshire"), fixture.Web.Services);
        return await db.VictimCases.Where(c => c.ReferralId == referralId).Select(c => c.Id).SingleAsync();
    }

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);

    [GeneratedRegex("name=\"version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
