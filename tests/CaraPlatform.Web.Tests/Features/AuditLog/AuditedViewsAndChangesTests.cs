using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Platform.Audit;
using CaraPlatform.Web.Tests.Features.Notices;
using Microsoft.Extensions.Time.Testing;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.AuditLog;

/// <summary>
/// Each view of personal data adds exactly one audit row, and each change one row in its own save, so that a change
/// refused (409) adds none. Every test acts as a fresh person and counts only that person's rows.
/// </summary>
public sealed class AuditedViewsAndChangesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task A_page_of_the_referral_list_over_the_API_adds_one_row_that_names_no_one()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant));
        var api = await fixture.PersonApiAsync(coordinator.Email);

        var added = await AuditRows.AddedAsync(fixture, coordinator.UserId,
            async () => (await api.GetAsync($"{ReferralApi.Url(Tenant)}?limit=3")).EnsureSuccessStatusCode());

        var row = Assert.Single(added);
        Assert.Equal(AuditActions.ReferralsListed, row.Action);
        Assert.Equal("referrals:list", row.Subject);
        Assert.StartsWith("3 referrals, statuses ", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Marsh", row.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/t/hampshire/referrals", AuditActions.ReferralsListed)]
    [InlineData("/t/hampshire/referrals/screening", AuditActions.ReferralsListed)]
    [InlineData("/t/hampshire", AuditActions.HomeWorkViewed)]
    [InlineData("/t/hampshire/audit", AuditActions.AuditLogViewed)]
    public async Task A_portal_page_that_lists_people_adds_one_row(string page, string action)
    {
        var admin = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant));
        var browser = await SessionAsync(admin.Email);

        var added = await AuditRows.AddedAsync(fixture, admin.UserId, async () => (await browser.GetAsync(page)).EnsureSuccessStatusCode());

        Assert.Equal(action, Assert.Single(added).Action);
    }

    [Fact]
    public async Task A_referral_move_adds_one_row_and_a_refused_move_adds_none()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant));
        var api = await fixture.PersonApiAsync(coordinator.Email);
        var move = $"{ReferralApi.Url(Tenant)}/{referral.Id}/start-screening";

        var added = await AuditRows.AddedAsync(fixture, coordinator.UserId,
            async () => (await api.PostJson(move, new VersionRequest(referral.Version))).EnsureSuccessStatusCode());
        var row = Assert.Single(added);
        Assert.Equal((AuditActions.ReferralChanged, AuditEntries.Referral(referral.Id)), (row.Action, row.Subject));

        Assert.Empty(await AuditRows.AddedAsync(fixture, coordinator.UserId,
            async () => await (await api.PostJson(move, new VersionRequest(referral.Version))).ProblemAsync(HttpStatusCode.Conflict)));
    }

    [Fact]
    public async Task Bookings_their_lists_and_letters_add_one_row_each_and_refused_changes_none()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var police = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await FacilitatorsAsync(fixture, Tenant);
        var api = await fixture.PersonApiAsync(coordinator.Email);
        var run = await ScheduleAsync(api, Tenant, UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(10), first.UserId, second.UserId);
        var referral = await EligibleAsync(police, Tenant);
        var referralSubject = AuditEntries.Referral(referral.Id);

        BookingResponse? booking = null;
        await Expect(coordinator, AuditActions.BookingChanged, referralSubject, async () => booking = await BookAsync(api, Tenant, run, referral));
        await ExpectNone(coordinator, async () => await (await api.PostJson($"{Runs(Tenant)}/{run.Id}/bookings", new BookRequest(referral.Id))).ProblemAsync(HttpStatusCode.Conflict));
        await Expect(coordinator, AuditActions.BookingsListed, AuditEntries.Run(run.Id), async () => (await api.GetAsync($"{Runs(Tenant)}/{run.Id}/bookings")).EnsureSuccessStatusCode());
        await Expect(coordinator, AuditActions.BookingsListed, referralSubject, async () => (await api.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}/bookings")).EnsureSuccessStatusCode());
        await Expect(coordinator, AuditActions.LetterIssued, referralSubject, async () => (await api.GetAsync($"/api/v1/tenants/{Tenant}/bookings/{booking!.Id}/letter")).EnsureSuccessStatusCode());
        var browser = await SessionAsync(coordinator.Email);
        await Expect(coordinator, AuditActions.BookingsListed, AuditEntries.Run(run.Id), async () => (await browser.GetAsync($"/t/{Tenant}/runs/{run.Id}")).EnsureSuccessStatusCode());

        var cancel = $"/api/v1/tenants/{Tenant}/bookings/{booking!.Id}/cancel";
        await Expect(coordinator, AuditActions.BookingChanged, referralSubject, async () => (await api.PostJson(cancel, new CancelRequest("Moved away", booking.Version))).EnsureSuccessStatusCode());
        await ExpectNone(coordinator, async () => await (await api.PostJson(cancel, new CancelRequest("Again", booking.Version))).ProblemAsync(HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_register_adds_one_row_per_participant_its_view_one_and_a_refused_register_none()
    {
        using var host = new FakeClockHost(fixture);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var police = await host.ClientAsync(Tenant);
        var planner = await host.ClientAsync(Tenant);
        var run = await ScheduleAsync(planner, Tenant, UkCalendar.DateOf(host.Clock.GetUtcNow()).AddDays(3), f1.UserId, f2.UserId);
        var referral = await EligibleAsync(police, Tenant);
        await BookAsync(planner, Tenant, run, referral);
        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(5));
        var facilitator = await host.PersonAsync(f1.Email);

        await Expect(f1, AuditActions.AttendanceRecorded, AuditEntries.Referral(referral.Id),
            async () => (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode());
        await ExpectNone(f1, async () => await (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
            .ProblemAsync(HttpStatusCode.Conflict));
        await Expect(f1, AuditActions.RegisterViewed, AuditEntries.Run(run.Id),
            async () => (await facilitator.GetAsync($"{Runs(Tenant)}/{run.Id}/workshops/Workshop1/register")).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task The_referral_to_book_page_adds_one_row_for_the_referral()
    {
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var referral = await EligibleAsync(await fixture.ApiClientAsync(Tenant), Tenant);
        var browser = await SessionAsync(coordinator.Email);

        await Expect(coordinator, AuditActions.ReferralToBookViewed, AuditEntries.Referral(referral.Id),
            async () => (await browser.GetAsync($"/t/{Tenant}/referrals/{referral.Id}/book")).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task The_feedback_page_adds_one_row_and_feedback_one_in_its_save_and_refused_feedback_none()
    {
        using var host = new FakeClockHost(fixture);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var planner = await host.ClientAsync(Tenant);
        var run = await ScheduleAsync(planner, Tenant, UkCalendar.DateOf(host.Clock.GetUtcNow()).AddDays(3), f1.UserId, f2.UserId);
        var referral = await EligibleAsync(await host.ClientAsync(Tenant), Tenant);
        await BookAsync(planner, Tenant, run, referral);
        var subject = AuditEntries.Referral(referral.Id);
        var feedback = new RecordFeedbackRequest(referral.Id,
            [new("attitude-towards-partner", 5), new("helped-relationship-issues", 4), new("would-recommend", 5)]);

        var browser = await SessionAsync(f1.Email);
        await Expect(f1, AuditActions.FeedbackViewed, subject,
            async () => (await browser.GetAsync($"/t/{Tenant}/runs/{run.Id}/feedback/{referral.Id}")).EnsureSuccessStatusCode());
        var facilitator = await host.PersonAsync(f1.Email);
        await ExpectNone(f1, async () => await (await facilitator.PostJson($"{Runs(Tenant)}/{run.Id}/feedback", feedback)).ProblemAsync(HttpStatusCode.Conflict));

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(5));
        (await RegisterAsync(await host.PersonAsync(f2.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddHours(4));
        (await RegisterAsync(await host.PersonAsync(f2.Email), Tenant, run, WorkshopNumber.Workshop2, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        facilitator = await host.PersonAsync(f1.Email);

        await Expect(f1, AuditActions.FeedbackRecorded, subject,
            async () => Assert.Equal(HttpStatusCode.NoContent, (await facilitator.PostJson($"{Runs(Tenant)}/{run.Id}/feedback", feedback)).StatusCode));
    }

    [Fact]
    public async Task The_retention_worklist_page_and_API_add_one_row_each()
    {
        var officer = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.DataProtectionOfficer);
        var api = await fixture.PersonApiAsync(officer.Email);
        var browser = await SessionAsync(officer.Email);

        await Expect(officer, AuditActions.RetentionWorklistViewed, "retention:list",
            async () => (await api.GetAsync($"/api/v1/tenants/{Tenant}/retention/cases")).EnsureSuccessStatusCode());
        await Expect(officer, AuditActions.RetentionWorklistViewed, "retention:list",
            async () => (await browser.GetAsync($"/t/{Tenant}/retention")).EnsureSuccessStatusCode());
    }

    [Fact]
    public async Task A_notice_delivered_adds_one_row_in_the_dispatchers_save_and_the_inbox_one_per_page()
    {
        const string slug = "dorset";
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await NoticeTests.FlushAsync(fixture, slug, clock);
        var (referralId, _, _) = await NoticeTests.ReturnedReferralAsync(fixture, slug, clock);

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();
        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        await using (var owner = fixture.Database.SuperuserContext())
        {
            var sent = await owner.AuditEvents.Where(e => e.Subject == AuditEntries.Referral(referralId) && e.Action == AuditActions.NoticeSent).ToListAsync();
            Assert.Equal((await fixture.Database.TenantAsync(slug)).TenantId, Assert.Single(sent).TenantId);
        }

        var spoc = await TestPeople.MemberAsync(fixture, slug, TenantRole.ForceSpoc);
        var api = await fixture.PersonApiAsync(spoc.Email);
        await Expect(spoc, AuditActions.NoticesViewed, "notices:list", async () => (await api.GetAsync($"/api/v1/tenants/{slug}/notices")).EnsureSuccessStatusCode());
    }

    private async Task Expect(TestPerson person, string action, string subject, Func<Task> act)
    {
        var row = Assert.Single(await AuditRows.AddedAsync(fixture, person.UserId, act));
        Assert.Equal((action, subject), (row.Action, row.Subject));
    }

    private async Task ExpectNone(TestPerson person, Func<Task> act) => Assert.Empty(await AuditRows.AddedAsync(fixture, person.UserId, act));

    private async Task<HttpClient> SessionAsync(string email)
    {
        var browser = UserTokens.Browser(fixture.Web);
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(browser, email, DemoSeed.Password)).StatusCode);
        return browser;
    }
}
