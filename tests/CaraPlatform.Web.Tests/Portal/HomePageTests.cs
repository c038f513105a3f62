using System.Text.RegularExpressions;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.DemoData;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Features.Workshops;
using CaraPlatform.Web.Portal;
using CaraPlatform.Web.Tests.Features.Notices;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Portal;

/// <summary>
/// Each role's home lists exactly the work due on a moved clock: first the empty state of a tenant no other test
/// uses, then a month of referrals, runs, registers, feedback and invitations, judged 31 days after they began, and
/// the police notices that month made once the tenant's events are relayed and put in the inbox; last, the webhook
/// the tenant then gets refuses the next notices until they are Failed, which fills the admin's webhook card.
/// </summary>
public sealed partial class HomePageTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = PostgresFixture.QuietTenant;

    [Fact]
    public async Task Each_roles_home_lists_exactly_the_work_due_on_a_moved_clock_and_says_so_when_there_is_none()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var spoc = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc);
        var admin = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var (f3, f4) = await FacilitatorsAsync(fixture, Tenant);
        using var host = new FakeClockHost(fixture);

        // Nothing yet: every list says so.
        var empty = new Dictionary<TestPerson, string[]>
        {
            [coordinator] = ["work-screening", "work-first-contact", "work-to-book", "work-runs-with-seats", "work-registers"],
            [f1] = ["work-my-runs", "work-my-registers", "work-feedback"],
            [spoc] = ["work-by-status", "work-breaches", "work-returned", "work-unread-notices"],
            [admin] = ["work-staff", "work-clients", "work-webhook"],
        };
        foreach (var (person, lists) in empty)
        {
            var home = await HomeAsync(host, person);
            foreach (var list in lists)
            {
                Assert.Empty(Items(home, list));
                Assert.Contains("data-empty", Card(home, list), StringComparison.Ordinal);
            }
        }

        Assert.Contains("No referrals are waiting for screening.", Card(await HomeAsync(host, coordinator), "work-screening"), StringComparison.Ordinal);

        await fixture.ApiClientAsync(Tenant);
        var police = await host.ClientAsync(Tenant);
        var planner = await host.PersonAsync(coordinator.Email);
        var start = host.Clock.GetUtcNow();
        var today = UkCalendar.DateOf(start);
        var looked = UkCalendar.At(today.AddDays(31), new TimeOnly(12, 0)); // when the lists are judged

        // Invitations: one made now, long expired by then.
        var expired = await InviteAsync(host, admin, "expired", TenantRole.Coordinator);

        // A: eligible, never contacted. B: eligible and contacted, its caution 75 days old (deadline at risk by the end).
        // C: received. I: returned as not contactable now, a month before the home is looked at.
        var a = await EligibleAsync(police, Tenant);
        var b = await EligibleAsync(police, Tenant, ReferralApi.New(Tenant) with
        {
            DisposalDate = today.AddDays(-75),
            Offence = ReferralApi.New(Tenant).Offence! with { Date = today.AddDays(-80) },
        });
        await ReferralApi.MoveAsync(planner, Tenant, b, "first-contact", new VersionRequest(b.Version));
        var c = await ReferralApi.CreateAsync(police, Tenant);
        var i = await ReferralApi.CreateAsync(police, Tenant);
        await ReferralApi.MoveAsync(planner, Tenant, i, "return-uncontactable", new ReasonRequest("No answer on any number.", i.Version));

        // run5 started two days in and ended 30 days in: G absent (a breach), K and L completed, L's feedback taken.
        var run5 = await ScheduleAsync(planner, Tenant, today.AddDays(2), f1.UserId, f2.UserId);
        var (g, k, l) = (await EligibleAsync(police, Tenant), await EligibleAsync(police, Tenant), await EligibleAsync(police, Tenant));
        foreach (var r in new[] { g, k, l }) await BookAsync(planner, Tenant, run5, r);
        // run1 starts 29 days in with J booked (its register is due by the end); run4 35 days in with seats; run2 50 days
        // in (too far); run3 40 days in, full with E.
        var run1 = await ScheduleAsync(planner, Tenant, today.AddDays(29), f1.UserId, f2.UserId);
        var j = await EligibleAsync(police, Tenant);
        await BookAsync(planner, Tenant, run1, j);
        var run4 = await ScheduleAsync(planner, Tenant, today.AddDays(35), f3.UserId, f4.UserId);
        await ScheduleAsync(planner, Tenant, today.AddDays(50), f3.UserId, f4.UserId);
        var run3 = await ScheduleAsync(planner, Tenant, today.AddDays(40), f3.UserId, f4.UserId, capacity: 1);
        // A run a day in, over by the end, that nobody booked: its registers are never due, there is no one to mark.
        await ScheduleAsync(planner, Tenant, today.AddDays(1), f3.UserId, f4.UserId);
        var e = await EligibleAsync(police, Tenant);
        await BookAsync(planner, Tenant, run3, e);

        host.Clock.SetUtcNow(run5.Workshop1.StartsAt.AddMinutes(30));
        (await RegisterAsync(await host.PersonAsync(f1.Email), Tenant, run5, WorkshopNumber.Workshop1,
            (g.Id, AttendanceMark.Absent), (k.Id, AttendanceMark.Attended), (l.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        // Seven days before the lists are judged: one invitation that expires exactly then, one a minute later.
        host.Clock.SetUtcNow(looked - Invitation.Lifetime);
        var expiresThen = await InviteAsync(host, admin, "expires-then", TenantRole.Coordinator);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var lastMinute = await InviteAsync(host, admin, "last-minute", TenantRole.Facilitator);
        Assert.Equal(looked, expiresThen.ExpiresAt);

        host.Clock.SetUtcNow(run5.Workshop2.StartsAt.AddHours(4));
        var facilitator = await host.PersonAsync(f1.Email);
        (await RegisterAsync(facilitator, Tenant, run5, WorkshopNumber.Workshop2, (k.Id, AttendanceMark.Attended), (l.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        var feedback = new RecordFeedbackRequest(l.Id, [new("attitude-towards-partner", 5), new("helped-relationship-issues", 4), new("would-recommend", 5)]);
        Assert.Equal(HttpStatusCode.NoContent, (await facilitator.PostJson($"{Runs(Tenant)}/{run5.Id}/feedback", feedback)).StatusCode);

        // Just before: one invitation accepted, one cancelled, one left open.
        host.Clock.SetUtcNow(looked.AddMinutes(-10));
        var accepted = await InviteAsync(host, admin, "accepted", TenantRole.Facilitator);
        await AcceptAsync(host, accepted);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var cancelled = await InviteAsync(host, admin, "cancelled", TenantRole.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await (await host.PersonAsync(admin.Email)).DeleteAsync($"/api/v1/tenants/{Tenant}/invitations/{cancelled.Id}")).StatusCode);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var open = await InviteAsync(host, admin, "open", TenantRole.Coordinator, TenantRole.VictimContactWorker);

        // 31 days in: F arrives and H is returned as not eligible.
        host.Clock.SetUtcNow(looked);
        police = await host.ClientAsync(Tenant);
        planner = await host.PersonAsync(coordinator.Email);
        var f = await ReferralApi.CreateAsync(police, Tenant);
        var h = await ReferralApi.CreateAsync(police, Tenant);
        h = await ReferralApi.MoveAsync(planner, Tenant, h, "start-screening", new VersionRequest(h.Version));
        await ReferralApi.MoveAsync(planner, Tenant, h, "screening",
            new ScreeningDecisionRequest(ReferralApi.EligibleAnswers(Tenant), ScreeningDecision.Ineligible, "Evidence of coercive control.", h.Version));

        var coordinatorHome = await HomeAsync(host, coordinator);
        Assert.Equal([(c.PoliceReference, null), (f.PoliceReference, null)], Referrals(coordinatorHome, "work-screening"));
        Assert.Equal([(a.PoliceReference, "Overdue"), (c.PoliceReference, "Overdue"), (f.PoliceReference, null)], Referrals(coordinatorHome, "work-first-contact"));
        Assert.Equal([(b.PoliceReference, "At risk"), (a.PoliceReference, null)], Referrals(coordinatorHome, "work-to-book"));
        Assert.Contains($"href=\"/t/{Tenant}/referrals/{b.Id}/book\"", Card(coordinatorHome, "work-to-book"), StringComparison.Ordinal);
        Assert.Equal([$"/t/{Tenant}/runs/{run4.Id}"], Items(coordinatorHome, "work-runs-with-seats").Select(x => x.Href));
        Assert.Equal([$"/t/{Tenant}/runs/{run1.Id}"], Items(coordinatorHome, "work-registers").Select(x => x.Href));
        Assert.Contains("Workshop 1", Card(coordinatorHome, "work-registers"), StringComparison.Ordinal);
        Assert.Equal("3", Count(coordinatorHome, "work-first-contact"));

        var facilitatorHome = await HomeAsync(host, f1);
        Assert.Equal([$"/t/{Tenant}/runs/{run1.Id}/register/Workshop2"], Items(facilitatorHome, "work-my-runs").Select(x => x.Href));
        Assert.Equal([$"/t/{Tenant}/runs/{run1.Id}/register/Workshop1"], Items(facilitatorHome, "work-my-registers").Select(x => x.Href));
        Assert.Equal([$"/t/{Tenant}/runs/{run5.Id}/feedback/{k.Id}"], Items(facilitatorHome, "work-feedback").Select(x => x.Href));
        var otherFacilitatorHome = await HomeAsync(host, f3);
        Assert.Empty(Items(otherFacilitatorHome, "work-my-registers"));
        Assert.Equal(3, Items(otherFacilitatorHome, "work-my-runs").Count);

        var spocHome = await HomeAsync(host, spoc);
        Assert.Equal(
            ["Received: 2 referrals", "Eligible: 2 referrals", "Booked: 2 referrals", "Completed: 2 referrals", "Returned: not eligible: 1 referral",
                "Returned: not contactable: 1 referral", "Non-compliant: 1 referral"],
            Items(spocHome, "work-by-status").Select(x => $"{x.Text}: {x.Detail}"));
        Assert.Equal("11", Count(spocHome, "work-by-status"));
        Assert.Equal([(g.PoliceReference, null)], Referrals(spocHome, "work-breaches"));
        Assert.Equal([(h.PoliceReference, null)], Referrals(spocHome, "work-returned"));
        Assert.Empty(Items(spocHome, "work-unread-notices")); // no relay or dispatcher runs in this host: nothing is in the inbox yet

        var adminHome = await HomeAsync(host, admin);
        Assert.Equal([$"{Tenant}-integration"], Items(adminHome, "work-clients").Select(x => x.Detail!.Split(';')[0]));
        Assert.DoesNotContain("work-screening", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("work-unread-notices", adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain("work-unread-notices", coordinatorHome, StringComparison.Ordinal);

        // Staff: open invitations, newest first; the expired (one exactly at its expiry), accepted and cancelled ones are gone.
        Assert.Equal(
            [$"{open.Email}: Coordinator, Victim contact worker; expires {PortalDisplay.Time(open.ExpiresAt)}",
                $"{lastMinute.Email}: Facilitator; expires {PortalDisplay.Time(lastMinute.ExpiresAt)}"],
            Items(adminHome, "work-staff").Select(x => $"{x.Text}: {x.Detail}"));
        Assert.All(Items(adminHome, "work-staff"), x => Assert.Equal($"/t/{Tenant}/admin/members", x.Href));
        Assert.Equal("2", Count(adminHome, "work-staff"));
        Assert.Equal("8 members of staff.", Summary(adminHome, "work-staff")); // our seven and the one who accepted
        Assert.DoesNotContain(expired.Email, adminHome, StringComparison.Ordinal);
        Assert.DoesNotContain(accepted.Email, adminHome, StringComparison.Ordinal);

        // Notices: the month's events relayed into notices and those put in the inbox, as the relay and dispatcher would.
        await fixture.RelayEventsAsync(Tenant);
        await NoticeTests.Dispatcher(fixture, host.Clock, options: new NoticeDispatchOptions { Tenants = [Tenant] }).RunOnceAsync();
        string Notice(PoliceNoticeType type, ReferralResponse referral) => $"{type.Title()}: {referral.PoliceReference}";
        // Newest first; notices of one instant (one request's) are compared as a set.
        string[] month =
        [
            At(looked, Notice(PoliceNoticeType.ReturnedIneligible, h)),
            At(run5.Workshop2.StartsAt.AddHours(4), Notice(PoliceNoticeType.Completed, k), Notice(PoliceNoticeType.Completed, l)),
            At(run5.Workshop1.StartsAt.AddMinutes(30), Notice(PoliceNoticeType.NonCompliant, g)),
            At(start, Notice(PoliceNoticeType.Booked, e), Notice(PoliceNoticeType.Booked, g), Notice(PoliceNoticeType.Booked, k),
                Notice(PoliceNoticeType.Booked, l), Notice(PoliceNoticeType.Booked, j), Notice(PoliceNoticeType.ReturnedUncontactable, i)),
        ];
        spocHome = await HomeAsync(host, spoc);
        Assert.Equal(month, ByTime(Items(spocHome, "work-unread-notices")));
        Assert.All(Items(spocHome, "work-unread-notices"), x => Assert.Equal($"/t/{Tenant}/notices?unread=true", x.Href));
        Assert.Equal("10", Count(spocHome, "work-unread-notices"));

        // The SPOC reads H's return: it leaves the list, the rest stay.
        var inbox = await host.PersonAsync(spoc.Email);
        var notices = await (await inbox.GetAsync($"/api/v1/tenants/{Tenant}/notices?unread=true")).ReadAs<NoticePageResponse>();
        var returned = notices.Items.Single(n => n.PoliceReference == h.PoliceReference);
        Assert.Equal(HttpStatusCode.NoContent, (await inbox.PostAsync($"/api/v1/tenants/{Tenant}/notices/{returned.Id}/read", null)).StatusCode);
        spocHome = await HomeAsync(host, spoc);
        Assert.Equal(month[1..], ByTime(Items(spocHome, "work-unread-notices")));
        Assert.Equal("9", Count(spocHome, "work-unread-notices"));

        // Webhook: only now does the tenant get one, to a receiver on 127.0.0.1 that refuses the next four POSTs. C's and
        // F's returns of the next two minutes are tried twice each and fail; A's booking after that is delivered. The
        // month's notices went out before there was a webhook (so the SPOC's lists above are as the month left them).
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        receiver.FailNext(4, 503);
        var retries = new NoticeDispatchOptions { Tenants = [Tenant], MaxAttempts = 2 };
        var dispatcher = NoticeTests.Dispatcher(fixture, host.Clock, options: retries);
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var cReturned = host.Clock.GetUtcNow();
        await ReferralApi.MoveAsync(planner, Tenant, c, "return-uncontactable", new ReasonRequest("No answer on any number.", c.Version));
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var fReturned = host.Clock.GetUtcNow();
        await ReferralApi.MoveAsync(planner, Tenant, f, "return-uncontactable", new ReasonRequest("No answer on any number.", f.Version));
        await fixture.RelayEventsAsync(Tenant);

        // The first attempts fail: both wait for their retry, and nothing has failed yet.
        await dispatcher.RunOnceAsync();
        adminHome = await HomeAsync(host, admin);
        Assert.Empty(Items(adminHome, "work-webhook"));
        Assert.Contains("data-empty", Card(adminHome, "work-webhook"), StringComparison.Ordinal);
        Assert.Equal("2 waiting to be sent, 10 with no webhook set up.", Summary(adminHome, "work-webhook"));

        // The second and last attempts, once the backoff is over, fail too; A's booking then reaches the receiver.
        host.Clock.Advance(retries.BackoffCap);
        await dispatcher.RunOnceAsync();
        planner = await host.PersonAsync(coordinator.Email); // the earlier token has expired on this clock
        await BookAsync(planner, Tenant, run4, a);
        await fixture.RelayEventsAsync(Tenant);
        await dispatcher.RunOnceAsync();
        Assert.Equal(
            [("referral.returned-uncontactable", 503), ("referral.returned-uncontactable", 503), ("referral.returned-uncontactable", 503),
                ("referral.returned-uncontactable", 503), ("referral.booked", 200)],
            receiver.Received.Select(r => (r.EventType, r.AnsweredWith)));

        // The admin's card lists exactly the two failed deliveries, newest first, and sums up every notice by state.
        adminHome = await HomeAsync(host, admin);
        string Failed(DateTimeOffset at) => $"{PoliceNoticeType.ReturnedUncontactable.EventName()}, {PortalDisplay.Time(at)}";
        Assert.Equal(
            [($"/t/{Tenant}/admin/webhooks?state=Failed", Failed(fReturned), "Failed", "2 attempts"),
                ($"/t/{Tenant}/admin/webhooks?state=Failed", Failed(cReturned), "Failed", "2 attempts")],
            Items(adminHome, "work-webhook"));
        Assert.Equal("2", Count(adminHome, "work-webhook"));
        Assert.Equal("1 delivered, 2 failed, 10 with no webhook set up.", Summary(adminHome, "work-webhook"));
        Assert.Contains($"href=\"/t/{Tenant}/admin/webhooks\"", Card(adminHome, "work-webhook"), StringComparison.Ordinal);

        // The inbox did not wait for the webhook: the SPOC has all three new notices.
        Assert.Equal("12", Count(await HomeAsync(host, spoc), "work-unread-notices"));
    }

    private static async Task<InvitationResponse> InviteAsync(FakeClockHost host, TestPerson admin, string name, params TenantRole[] roles) =>
        await TestPeople.InviteAsync(await host.PersonAsync(admin.Email), Tenant, $"{name}-{Guid.NewGuid():N}@example.org", roles);

    /// <summary>Follows the mailed link and creates the account, as the invited person would.</summary>
    private async Task AcceptAsync(FakeClockHost host, InvitationResponse invitation)
    {
        var link = TestPeople.InvitationLink(fixture, invitation.Email).PathAndQuery;
        using var browser = UserTokens.Browser(host.Web);
        var page = await browser.GetStringAsync(link);
        using var joined = await browser.PostAsync(link, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["DisplayName"] = "Invited Person",
            ["Password"] = "a long passphrase of my own",
            ["ConfirmPassword"] = "a long passphrase of my own",
            ["__RequestVerificationToken"] = UserTokens.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, joined.StatusCode);
    }

    /// <summary>Items shown at one time (their detail), in any order among themselves: "time: text | text".</summary>
    private static string At(DateTimeOffset instant, params string[] texts) => $"{PortalDisplay.Time(instant)}: {string.Join(" | ", texts.Order(StringComparer.Ordinal))}";

    /// <summary>A list's items grouped by their detail (a time) as they come: a time that came back later would show twice.</summary>
    private static List<string> ByTime(List<(string Href, string Text, string? Tag, string? Detail)> items)
    {
        var groups = new List<(string? Detail, List<string> Texts)>();
        foreach (var item in items)
        {
            if (groups.Count > 0 && groups[^1].Detail == item.Detail) groups[^1].Texts.Add(item.Text);
            else groups.Add((item.Detail, [item.Text]));
        }

        return [.. groups.Select(g => $"{g.Detail}: {string.Join(" | ", g.Texts.Order(StringComparer.Ordinal))}")];
    }

    private static async Task<string> HomeAsync(FakeClockHost host, TestPerson person)
    {
        var browser = UserTokens.Browser(host.Web);
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(browser, person.Email, DemoSeed.Password)).StatusCode);
        return await UserTokens.GetOkAsync(browser, $"/t/{Tenant}");
    }

    private static string Card(string home, string id)
    {
        var start = home.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no list {id} on the page");
        return home[start..home.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    private static string? Summary(string home, string id) =>
        SummaryPattern().Match(Card(home, id)) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static string? Count(string home, string id) => CountPattern().Match(Card(home, id)) is { Success: true } m ? m.Groups[1].Value : null;

    private static List<(string Href, string Text, string? Tag, string? Detail)> Items(string home, string id) =>
        [.. ItemPattern().Matches(Card(home, id)).Select(m => (
            WebUtility.HtmlDecode(m.Groups["href"].Value), WebUtility.HtmlDecode(m.Groups["text"].Value),
            m.Groups["tag"].Success ? WebUtility.HtmlDecode(m.Groups["tag"].Value) : null,
            m.Groups["detail"].Success ? WebUtility.HtmlDecode(m.Groups["detail"].Value) : null))];

    /// <summary>The police references of a referral list (each item reads "reference name"), with their tags.</summary>
    private static List<(string Reference, string? Tag)> Referrals(string home, string id) =>
        [.. Items(home, id).Select(x => (x.Text.Split(' ')[0], x.Tag))];

    [GeneratedRegex("""<li data-item>\s*<a class="govuk-link" href="(?<href>[^"]*)">(?<text>[^<]*)</a>\s*(?:<strong class="[^"]*">(?<tag>[^<]*)</strong>\s*)?(?:<br />\s*<span class="govuk-body-s">(?<detail>[^<]*)</span>)?""")]
    private static partial Regex ItemPattern();

    [GeneratedRegex("""<span class="app-work-count" data-count>([0-9]+)</span>""")]
    private static partial Regex CountPattern();

    [GeneratedRegex("""<p class="govuk-body" data-summary>([^<]*)</p>""")]
    private static partial Regex SummaryPattern();
}
