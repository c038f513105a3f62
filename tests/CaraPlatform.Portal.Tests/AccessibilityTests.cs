using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// Issue 15's accessibility line: axe over every page of the portal and its main states, keyboard-only use and a
/// visible focus. The pages come from the host's own routes, so a page added later is checked without a change here.
/// </summary>
public sealed partial class AccessibilityTests(PortalFixture portal, ITestOutputHelper output) : BrowserTest
{
    private const string Tenant = "hampshire";

    /// <summary>
    /// Pages no demo person can be shown by a plain GET. Every other page must be reached and pass; an entry naming no
    /// route of the host fails too, so the list cannot outlive its page.
    /// </summary>
    private static readonly Dictionary<string, string> Skipped = new()
    {
        ["/sign-out"] = "POST only: a GET answers 405, so that a link elsewhere cannot sign a person out",
        ["/sign-in/two-factor"] = "shown only halfway through a two-factor sign-in (SignInTests checks it with axe, with and without an error)",
        ["/error/{status:int}"] = "reached only by re-execution of an error status; ShellPagesTests checks its page-not-found state with axe",
        ["/t/{tenant}/invitations/{token}"] = "needs a live invitation token, which only the invitee's email carries",
        ["/national/invitations/{token}"] = "needs a live staff invitation token, which only the invitee's email carries",
    };

    /// <summary>Pages that answer with another status than 200 by design.</summary>
    private static readonly Dictionary<string, int> ExpectedStatus = new() { ["/access-denied"] = 403 };

    /// <summary>Who may open a page, tried in order until one is shown it: the national or the tenant staff, or anybody.</summary>
    private static string?[] Candidates(string route) =>
        route.StartsWith("/national", StringComparison.Ordinal)
            ? ["licence-admin@hamptontrust.demo", "trainer@hamptontrust.demo", "qa@hamptontrust.demo", "analyst@hamptontrust.demo"]
            : route.StartsWith("/t/", StringComparison.Ordinal)
                ? ["admin@hampshire.demo", "coordinator@hampshire.demo", "facilitator@hampshire.demo", "victim-contact@hampshire.demo", "spoc@hampshire.demo"]
                : [null, "coordinator@hampshire.demo", "licence-admin@hamptontrust.demo"];

    [Fact]
    public async Task Every_page_of_the_portal_passes_axe_for_a_demo_person_whose_roles_reach_it()
    {
        var routes = PageRoutes();
        Assert.Empty(Skipped.Keys.Except(routes));

        // Ids come from the links the pages themselves show (a referral from the list, a release from its material…),
        // so each page is opened as a person would reach it, whatever the demo data holds that day. Every person's
        // landing page and the pages of their navigation are read first: they link to what only their role is offered
        // (a referral to book, the registers of the facilitator's own runs).
        var people = new Dictionary<string, IPage>();
        var links = new List<string>();
        foreach (var who in routes.SelectMany(Candidates).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var page = people[who] = await SignedInAsync(who);
            await CollectLinksAsync(page, links);
            foreach (var item in await page.EvalOnSelectorAllAsync<string[]>("a[id^='nav-']", "as => as.map(a => a.href)"))
            {
                await page.GotoAsync(item);
                await CollectLinksAsync(page, links);
            }
        }

        // A participant's feedback is linked only from a register whose workshop has begun: the database names one.
        links.Add(await FeedbackPathAsync());

        var pending = routes.Where(r => !Skipped.ContainsKey(r)).ToList();
        var shownBy = new Dictionary<string, string?>();
        var read = new HashSet<string>();
        var explored = new Dictionary<string, int>();
        var passed = new List<string>();
        var failures = new List<string>();
        for (var exploring = 0; pending.Count > 0 && exploring < 60;)
        {
            var progress = false;
            foreach (var route in pending.ToList())
            {
                var urls = Concrete(route) is { } url ? [url] : links.Where(l => Pattern(route).IsMatch(l)).Take(3).ToList();
                if (urls.Count == 0) continue;
                pending.Remove(route);
                progress = true;
                var shown = await ShowAsync(route, urls, people);
                if (shown is null)
                {
                    failures.Add($"{route}: no candidate person was shown {string.Join(" or ", urls)}");
                    continue;
                }

                var (page, who) = shown.Value;
                shownBy[route] = who;
                read.Add(new Uri(page.Url).AbsolutePath);
                await CollectLinksAsync(page, links);
                try
                {
                    await PortalFixture.CheckAsync(page);
                    passed.Add($"{route} as {who ?? "anonymous"} ({new Uri(page.Url).AbsolutePath})");
                }
                catch (XunitException e)
                {
                    failures.Add(e.Message);
                }
            }

            if (progress) continue;
            // Stuck: some pages are linked only from a particular instance of another (the change link of a run not
            // yet started), so read further instances of pages already checked, as the person shown them, each page
            // in turn so that one long list (the referrals) does not use up the reading.
            var next = links.Where(l => !read.Contains(l))
                .Select(l => (Link: l, Route: shownBy.Keys.FirstOrDefault(r => r.Contains('{', StringComparison.Ordinal) && Pattern(r).IsMatch(l))))
                .Where(x => x.Route is not null).OrderBy(x => explored.GetValueOrDefault(x.Route!)).FirstOrDefault();
            if (next.Route is null) break;
            read.Add(next.Link);
            explored[next.Route] = explored.GetValueOrDefault(next.Route) + 1;
            exploring++;
            var reader = people[shownBy[next.Route] ?? ""];
            await reader.GotoAsync(next.Link);
            await CollectLinksAsync(reader, links);
        }

        failures.AddRange(pending.Select(r => $"{r}: no link to it from any page checked, and not in the skipped list"));
        output.WriteLine($"{passed.Count} pages passed axe:\n{string.Join("\n", passed)}");
        output.WriteLine($"{Skipped.Count} skipped:\n{string.Join("\n", Skipped.Select(s => $"{s.Key}: {s.Value}"))}");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
    }

    [Fact]
    public async Task Main_forms_sent_empty_pass_axe_with_their_errors()
    {
        var coordinator = await SignedInAsync("coordinator@hampshire.demo");
        await SendEmptyAsync(coordinator, $"/t/{Tenant}/referrals/new", "Send the referral");
        await SendEmptyAsync(coordinator, $"/t/{Tenant}/runs/new", "Schedule the run");
        var admin = await SignedInAsync("admin@hampshire.demo");
        await SendEmptyAsync(admin, $"/t/{Tenant}/admin/members", "Send invitation");
        var licenceAdmin = await SignedInAsync("licence-admin@hamptontrust.demo");
        // The licence form comes filled with the usual terms: emptied, it is refused and grants nothing.
        await SendEmptyAsync(licenceAdmin, $"/national/licences/new?tenant={PostgresFixture.UnlicensedTenant}", "Grant the licence", "#f-licensee", "#f-commissioningBody", "#f-endsOn-year");
    }

    [Fact]
    public async Task A_service_with_nothing_yet_shows_its_empty_lists_accessibly()
    {
        var checkedPages = 0;
        foreach (var role in new[] { TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.VictimContactWorker })
        {
            var page = await SignedInAsync(await portal.NewMemberAsync(PostgresFixture.QuietTenant, role));
            // Every page of the service that needs nothing but the service in its address: its lists and forms.
            foreach (var route in PageRoutes().Where(r => r.StartsWith("/t/{tenant}", StringComparison.Ordinal) && r.Count(c => c == '{') == 1))
            {
                var url = route.Replace("{tenant}", PostgresFixture.QuietTenant, StringComparison.Ordinal);
                var response = await page.GotoAsync(url);
                if (response?.Status != 200 || new Uri(page.Url).AbsolutePath != url) continue;
                await PortalFixture.CheckAsync(page);
                checkedPages++;
            }
        }

        Assert.True(checkedPages >= 5, $"only {checkedPages} of the quiet service's pages were shown");
    }

    [Fact]
    public async Task The_register_on_a_tablet_passes_axe()
    {
        var page = await portal.NewPageAsync(width: 768);
        await PortalFixture.SignInAsync(page, "facilitator@hampshire.demo", DemoSeed.Password);
        await page.GotoAsync($"/t/{Tenant}/my-workshops");
        var register = page.Locator("a[href*='/register/']").First;
        await Assertions.Expect(register).ToBeVisibleAsync();
        await page.GotoAsync((await register.GetAttributeAsync("href"))!);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("register", new() { IgnoreCase = true });
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task A_spoc_signs_in_and_sends_a_referral_with_the_keyboard_alone()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");
        await TabToAsync(page, page.GetByLabel("Email"));
        await page.Keyboard.TypeAsync("spoc@hampshire.demo");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoSeed.Password);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/t/{Tenant}$"));

        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Make a new referral" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/referrals/new$"));

        var referral = ReferralApi.New();
        var (officer, offence, offender, answers, victim) = (referral.Officer!, referral.Offence!, referral.Offender!, referral.Eligibility!, referral.Victim!);
        await TypeAsync(page, "#f-policeReference", referral.PoliceReference!);
        await ChooseAsync(page, "#f-forceCode", referral.ForceCode!);
        await ChooseAsync(page, "#f-disposalType", referral.DisposalType.ToString()!);
        await DateAsync(page, "disposalDate", referral.DisposalDate!.Value);
        await TypeAsync(page, "#f-officer-name", officer.Name!);
        await TypeAsync(page, "#f-officer-collarNumber", officer.CollarNumber!);
        await TypeAsync(page, "#f-officer-email", officer.Email!);
        await ChooseAsync(page, "#f-offence-typeCode", offence.TypeCode!);
        await DateAsync(page, "offence-date", offence.Date!.Value);
        await ChooseAsync(page, "#f-offence-relationship", offence.Relationship.ToString()!);
        await TypeAsync(page, "#f-offender-givenName", offender.GivenName!);
        await TypeAsync(page, "#f-offender-familyName", offender.FamilyName!);
        await DateAsync(page, "offender-dateOfBirth", offender.DateOfBirth!.Value);
        await ChooseAsync(page, "#f-offender-sex", offender.Sex.ToString()!);
        await TypeAsync(page, "#f-offender-postcode", offender.Postcode!);
        await AnswerAsync(page, "eligibility-onBail", answers.OnBail);
        await AnswerAsync(page, "eligibility-subjectToCourtOrderOrCommunitySentence", answers.SubjectToCourtOrderOrCommunitySentence);
        await AnswerAsync(page, "eligibility-evidenceOfCoerciveOrControllingBehaviour", answers.EvidenceOfCoerciveOrControllingBehaviour);
        await AnswerAsync(page, "eligibility-victimViewsRecorded", answers.VictimViewsRecorded);
        await AnswerAsync(page, "eligibility-specificRiskToVictimFromCaution", answers.SpecificRiskToVictimFromCaution);
        await TypeAsync(page, "#f-eligibility-dash-score", answers.Dash!.Score!.Value.ToString(CultureInfo.InvariantCulture));
        await ChooseAsync(page, "#f-eligibility-dash-assessedLevel", answers.Dash.AssessedLevel.ToString()!);
        foreach (var (question, answer) in answers.TenantAnswers!) await AnswerAsync(page, $"eligibility-tenantAnswers-{question}", answer);
        await TypeAsync(page, "#f-victim-givenName", victim.GivenName!);
        await TypeAsync(page, "#f-victim-familyName", victim.FamilyName!);
        await ChooseAsync(page, "#f-victim-relationship", victim.Relationship.ToString()!);
        await ChooseAsync(page, "#f-victim-safeContactMethod", victim.SafeContactMethod.ToString()!);
        await TypeAsync(page, "#f-victim-phone", victim.Phone!);
        await AnswerAsync(page, "victim-contactConsented", victim.ContactConsented);

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send the referral" }));
        await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        await Assertions.Expect(page.Locator("#referral-notice")).ToHaveTextAsync("The referral was sent.");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync($"Referral {referral.PoliceReference}");
        await PortalFixture.CheckAsync(page);
    }

    [Fact]
    public async Task A_focused_link_button_and_input_show_a_visible_focus()
    {
        var page = await portal.NewPageAsync();
        await page.GotoAsync("/");
        foreach (var target in new[]
        {
            page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" }),
            page.GetByLabel("Email"),
            page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }),
            page.GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" }),
        })
        {
            await TabToAsync(page, target);
            // GOV.UK's focus state: a yellow outline or an underline drawn with box-shadow, never nothing.
            var style = await target.EvaluateAsync<string>("e => { const s = getComputedStyle(e); return `${s.outlineStyle} ${s.outlineWidth}|${s.boxShadow}`; }");
            var (outline, shadow) = (style.Split('|')[0], style.Split('|')[1]);
            Assert.True(!outline.StartsWith("none", StringComparison.Ordinal) || shadow != "none", $"{target} has no visible focus: {style}");
        }
    }

    /// <summary>The route of every Razor Page the host serves, from its own endpoints.</summary>
    private List<string> PageRoutes() =>
        [.. portal.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/')).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The address of a page whose only route value is the service, or of a page with none.</summary>
    private static string? Concrete(string route) =>
        route.Replace("{tenant}", Tenant, StringComparison.Ordinal) is var url && !url.Contains('{', StringComparison.Ordinal) ? url : null;

    /// <summary>The route as a pattern over link paths, honouring the guid and int constraints (so "new" is no referral id).</summary>
    private static Regex Pattern(string route) => new("^" + ParameterPattern().Replace(route, m => m.Groups[2].Value switch
    {
        "guid" => "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}",
        "int" => "[0-9]+",
        _ => m.Groups[1].Value == "tenant" ? Tenant : "[^/]+",
    }) + "$");

    /// <summary>The first of <paramref name="urls"/> shown to the first candidate person, with who saw it.</summary>
    private async Task<(IPage Page, string? Who)?> ShowAsync(string route, List<string> urls, Dictionary<string, IPage> people)
    {
        foreach (var url in urls)
        {
            foreach (var who in Candidates(route))
            {
                if (!people.TryGetValue(who ?? "", out var page))
                {
                    page = who is null ? await portal.NewPageAsync() : await SignedInAsync(who);
                    people[who ?? ""] = page;
                }

                var response = await page.GotoAsync(url);
                if (response?.Status == ExpectedStatus.GetValueOrDefault(route, 200) && new Uri(page.Url).AbsolutePath == url) return (page, who);
            }
        }

        return null;
    }

    /// <summary>A participant's feedback on a run of the demo facilitator's own whose register has been taken.</summary>
    private async Task<string> FeedbackPathAsync()
    {
        await using var scope = portal.Web.Services.CreateAsyncScope();
        var facilitator = (await scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<CaraUser>>().FindByEmailAsync("facilitator@hampshire.demo"))!.Id;
        await using var db = portal.Database.SuperuserContext();
        return await (from register in db.WorkshopRegisters.IgnoreQueryFilters()
                      join run in db.CourseRuns.IgnoreQueryFilters() on register.RunId equals run.Id
                      join booking in db.Bookings.IgnoreQueryFilters() on run.Id equals booking.RunId
                      where run.FacilitatorIds.Contains(facilitator)
                      select $"/t/{Tenant}/runs/{run.Id}/feedback/{booking.ReferralId}").FirstAsync();
    }

    private static async Task CollectLinksAsync(IPage page, List<string> links)
    {
        foreach (var link in await page.EvalOnSelectorAllAsync<string[]>("a[href]", "as => as.map(a => a.href)"))
        {
            var uri = new Uri(link);
            if (uri.Host == "127.0.0.1" && !links.Contains(uri.AbsolutePath)) links.Add(uri.AbsolutePath);
        }
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, email, DemoSeed.Password);
        return page;
    }

    private static async Task SendEmptyAsync(IPage page, string url, string button, params string[] filled)
    {
        await page.GotoAsync(url);
        foreach (var field in filled) await page.Locator(field).FillAsync("");
        await PortalFixture.SubmitAsync(page.GetByRole(AriaRole.Button, new() { Name = button }));
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(page);
    }

    private static async Task TypeAsync(IPage page, string field, string text)
    {
        await TabToAsync(page, page.Locator(field));
        await page.Keyboard.TypeAsync(text);
    }

    private static async Task DateAsync(IPage page, string id, DateOnly date)
    {
        await TypeAsync(page, $"#f-{id}", date.Day.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, $"#f-{id}-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, $"#f-{id}-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Picks an option of a closed select with the arrow keys, as a keyboard user does.</summary>
    private static async Task ChooseAsync(IPage page, string field, string value)
    {
        var select = page.Locator(field);
        await TabToAsync(page, select);
        var moves = await select.EvaluateAsync<int>("(s, v) => [...s.options].findIndex(o => o.value === v) - s.selectedIndex", value);
        for (var i = 0; i < Math.Abs(moves); i++) await page.Keyboard.PressAsync(moves > 0 ? "ArrowDown" : "ArrowUp");
        await Assertions.Expect(select).ToHaveValueAsync(value);
    }

    /// <summary>Answers a yes/no question: Tab reaches its first radio, Space picks it, the down arrow moves to "No".</summary>
    private static async Task AnswerAsync(IPage page, string question, bool? yes)
    {
        await TabToAsync(page, page.Locator($"#f-{question}"));
        await page.Keyboard.PressAsync(yes == true ? "Space" : "ArrowDown");
        await Assertions.Expect(page.Locator($"#f-{question}{(yes == true ? "" : "-2")}")).ToBeCheckedAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (at most 60 times).</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached {target}");
    }

    [GeneratedRegex(@"\{(\w+)(?::(\w+))?\}")]
    private static partial Regex ParameterPattern();
}
