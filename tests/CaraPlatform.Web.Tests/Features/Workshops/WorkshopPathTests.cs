using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.Workshops;

/// <summary>The whole path through the API on a clock the test moves: referral → eligible → booked → both workshops → completed, and the breach path.</summary>
public sealed class WorkshopPathTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "leicestershire";

    [Fact]
    public async Task Referral_to_completion_with_booked_and_completed_notices_to_the_police()
    {
        using var host = new FakeClockHost(fixture);
        var (f1, f2, _, police, planner, referral) = await StartAsync(host);
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var run = await ScheduleAsync(planner, Tenant, today.AddDays(7), f1.UserId, f2.UserId);
        var booking = await BookAsync(planner, Tenant, run, referral);
        Assert.Equal(BookingStatus.Booked, booking.Status);
        Assert.Equal(ReferralStatus.Booked, (await GetAsync(police, referral)).Status);
        Assert.Equal(11, (await (await planner.GetAsync($"{Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>()).SeatsLeft);

        // Before Workshop 1 starts the register is closed.
        var early = await (await RegisterAsync(await host.PersonAsync(f1.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("workshop", early.GetProperty("field").GetString());

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(30));
        var facilitator = await host.PersonAsync(f1.Email);
        (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        Assert.Equal(ReferralStatus.AttendedWorkshop1, (await GetAsync(await host.ClientAsync(Tenant), referral)).Status);

        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddHours(4));
        facilitator = await host.PersonAsync(f2.Email);
        (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop2, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        police = await host.ClientAsync(Tenant);
        var completed = await GetAsync(police, referral);
        Assert.Equal(ReferralStatus.Completed, completed.Status);

        var feedback = new RecordFeedbackRequest(referral.Id,
            [new("attitude-towards-partner", 5), new("helped-relationship-issues", 4), new("would-recommend", 5)]);
        Assert.Equal(HttpStatusCode.NoContent, (await facilitator.PostJson($"{Runs(Tenant)}/{run.Id}/feedback", feedback)).StatusCode);

        var notices = await fixture.NoticesAsync(Tenant, referral.Id);
        Assert.Equal([PoliceNoticeType.Booked, PoliceNoticeType.Completed], notices.Select(n => n.Type));
        Assert.Contains("workshop1StartsAt", notices[0].Payload, StringComparison.Ordinal);
        Assert.DoesNotContain("attitude", notices[1].Payload, StringComparison.Ordinal);

        var bookings = await (await police.GetAsync($"/api/v1/tenants/{Tenant}/referrals/{referral.Id}/bookings")).ReadAs<List<BookingResponse>>();
        var only = Assert.Single(bookings);
        Assert.Equal((BookingStatus.Completed, AttendanceMark.Attended, AttendanceMark.Attended), (only.Status, only.Workshop1, only.Workshop2));
    }

    [Fact]
    public async Task Late_at_workshop_1_is_non_compliant_then_a_police_rebooking_repeats_both_workshops_on_a_new_run()
    {
        using var host = new FakeClockHost(fixture);
        var (f1, f2, coordinator, police, planner, referral) = await StartAsync(host);
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var first = await ScheduleAsync(planner, Tenant, today.AddDays(5), f1.UserId, f2.UserId);
        var second = await ScheduleAsync(planner, Tenant, today.AddDays(12), f1.UserId, f2.UserId);
        await BookAsync(planner, Tenant, first, referral);

        host.Clock.SetUtcNow(first.Workshop1.StartsAt.AddMinutes(20));
        (await RegisterAsync(await host.PersonAsync(f1.Email), Tenant, first, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.LateRefusedEntry)))
            .EnsureSuccessStatusCode();
        police = await host.ClientAsync(Tenant);
        var breached = await GetAsync(police, referral);
        Assert.Equal(ReferralStatus.NonCompliant, breached.Status);
        // The timeline's reasons are the provider's staff's to read; the police get the mark with the booking.
        Assert.Contains("late", (await GetAsync(await host.PersonAsync(coordinator.Email), referral)).Timeline[^1].Reason, StringComparison.OrdinalIgnoreCase);

        // Not bookable until the police decide.
        planner = await host.PersonAsync(coordinator.Email);
        var refused = await (await planner.PostJson($"{Runs(Tenant)}/{second.Id}/bookings", new BookRequest(referral.Id))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("NonCompliant", refused.GetProperty("currentState").GetString());

        // The police decide a little later: notices raised at one instant would have no order between them.
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        var rebooked = await ReferralApi.MoveAsync(police, Tenant, breached, "police-decision",
            new PoliceDecisionRequest(PoliceDecision.AllowRebooking, "Bus breakdown: reasonable excuse", null, breached.Version));
        Assert.Equal(ReferralStatus.Eligible, rebooked.Status);
        await BookAsync(planner, Tenant, second, referral);

        host.Clock.SetUtcNow(second.Workshop1.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f2.Email), Tenant, second, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        host.Clock.SetUtcNow(second.Workshop2.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f2.Email), Tenant, second, WorkshopNumber.Workshop2, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();

        police = await host.ClientAsync(Tenant);
        Assert.Equal(ReferralStatus.Completed, (await GetAsync(police, referral)).Status);
        Assert.Equal(
            [PoliceNoticeType.Booked, PoliceNoticeType.NonCompliant, PoliceNoticeType.Booked, PoliceNoticeType.Completed],
            (await fixture.NoticesAsync(Tenant, referral.Id)).Select(n => n.Type));
        var bookings = await (await police.GetAsync($"/api/v1/tenants/{Tenant}/referrals/{referral.Id}/bookings")).ReadAs<List<BookingResponse>>();
        Assert.Equal([BookingStatus.Completed, BookingStatus.NonCompliant], bookings.Select(b => b.Status));
    }

    [Fact]
    public async Task Only_the_runs_own_facilitators_record_its_register_and_other_tenants_see_nothing()
    {
        var outsider = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        var elsewhere = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        using var host = new FakeClockHost(fixture);
        var (f1, f2, coordinator, _, planner, referral) = await StartAsync(host);
        var run = await ScheduleAsync(planner, Tenant, UkCalendar.DateOf(host.Clock.GetUtcNow()).AddDays(3), f1.UserId, f2.UserId);
        await BookAsync(planner, Tenant, run, referral);
        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(5));

        await (await RegisterAsync(await host.PersonAsync(outsider.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
            .ProblemAsync(HttpStatusCode.Forbidden);
        await (await RegisterAsync(await host.PersonAsync(elsewhere.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await (await host.PersonAsync(elsewhere.Email)).GetAsync($"{Runs(Tenant)}/{run.Id}/bookings")).ProblemAsync(HttpStatusCode.NotFound);
        var other = await host.PersonAsync(outsider.Email);
        await (await other.GetAsync($"{Runs(Tenant)}/{run.Id}/bookings")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await other.GetAsync($"{Runs(Tenant)}/{run.Id}/workshops/Workshop1/register")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await (await host.PersonAsync(elsewhere.Email)).GetAsync($"{Runs(Tenant)}/{run.Id}/workshops/Workshop1/register")).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await (await host.PersonAsync(f2.Email)).GetAsync($"{Runs(Tenant)}/{run.Id}/workshops/Workshop1/register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await host.PersonAsync(coordinator.Email)).GetAsync($"{Runs(Tenant)}/{run.Id}/bookings")).StatusCode);

        // A register must mark everyone booked, and only them.
        var facilitator = await host.PersonAsync(f1.Email);
        var incomplete = await (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("entries", incomplete.Errors().Keys);
        var stranger = await (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended), (Guid.NewGuid(), AttendanceMark.Absent)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("entries[1].referralId", stranger.Errors().Keys);
        Assert.Equal(ReferralStatus.Booked, (await GetAsync(await host.ClientAsync(Tenant), referral)).Status);
    }

    /// <summary>
    /// Where every path starts, on a host whose clock the test moves: the tenant's two facilitators, a coordinator who
    /// plans (schedules and books), the police's integration client and an eligible referral of theirs.
    /// </summary>
    private async Task<(TestPerson F1, TestPerson F2, TestPerson Coordinator, HttpClient Police, HttpClient Planner, ReferralResponse Referral)> StartAsync(
        FakeClockHost host)
    {
        await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var police = await host.ClientAsync(Tenant);
        return (f1, f2, coordinator, police, await host.PersonAsync(coordinator.Email), await EligibleAsync(police, Tenant));
    }

    private static async Task<ReferralResponse> GetAsync(HttpClient client, ReferralResponse referral) =>
        await (await client.GetAsync($"/api/v1/tenants/{Tenant}/referrals/{referral.Id}")).ReadAs<ReferralResponse>();
}
