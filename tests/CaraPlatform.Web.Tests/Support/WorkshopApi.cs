namespace CaraPlatform.Web.Tests.Support;

/// <summary>Runs and eligible referrals for workshop tests.</summary>
public static class WorkshopApi
{
    public static string Runs(string tenant) => $"/api/v1/tenants/{tenant}/runs";

    public static async Task<(TestPerson First, TestPerson Second)> FacilitatorsAsync(CaraPlatformFixture fixture, string tenant) =>
        (await TestPeople.MemberAsync(fixture, tenant, TenantRole.Facilitator), await TestPeople.MemberAsync(fixture, tenant, TenantRole.Facilitator));

    public static async Task<RunResponse> ScheduleAsync(
        HttpClient client, string tenant, DateOnly workshop1, Guid facilitator1, Guid facilitator2, int capacity = 12, int daysApart = 28,
        Cohort cohort = Cohort.IpvMale)
    {
        var venue = (await (await client.GetAsync($"/api/v1/tenants/{tenant}/venues")).ReadAs<List<VenueResponse>>()).First(v => v.Capacity >= capacity);
        var request = new ScheduleRunRequest(
            cohort, "en", new SessionDto(workshop1, null, null), new SessionDto(workshop1.AddDays(daysApart), null, null),
            WorkshopDelivery.Venue, venue.Id, null, capacity, [facilitator1, facilitator2]);
        return await (await client.PostJson(Runs(tenant), request)).ReadAs<RunResponse>(HttpStatusCode.Created);
    }

    /// <summary>A referral received, screened and eligible, ready to book.</summary>
    public static async Task<ReferralResponse> EligibleAsync(HttpClient client, string tenant, CreateReferralRequest? request = null)
    {
        var referral = await ReferralApi.CreateAsync(client, tenant, request);
        referral = await ReferralApi.MoveAsync(client, tenant, referral, "start-screening", new VersionRequest(referral.Version));
        return await ReferralApi.MoveAsync(client, tenant, referral, "screening",
            new ScreeningDecisionRequest(ReferralApi.EligibleAnswers(tenant), ScreeningDecision.Eligible, null, referral.Version));
    }

    public static async Task<BookingResponse> BookAsync(HttpClient client, string tenant, RunResponse run, ReferralResponse referral) =>
        await (await client.PostJson($"{Runs(tenant)}/{run.Id}/bookings", new BookRequest(referral.Id))).ReadAs<BookingResponse>(HttpStatusCode.Created);

    /// <summary>
    /// A run on <paramref name="workshop1"/> by two facilitators of the tenant's own, scheduled over its integration
    /// client, with one eligible referral booked on it. The run is as scheduled, before the booking.
    /// </summary>
    public static async Task<BookedRun> BookedRunAsync(CaraPlatformFixture fixture, string tenant, DateOnly workshop1)
    {
        var api = await fixture.ApiClientAsync(tenant);
        var (first, second) = await FacilitatorsAsync(fixture, tenant);
        var run = await ScheduleAsync(api, tenant, workshop1, first.UserId, second.UserId);
        var referral = await EligibleAsync(api, tenant);
        return new BookedRun(run, referral, await BookAsync(api, tenant, run, referral), first, second);
    }

    public static Task<HttpResponseMessage> RegisterAsync(HttpClient facilitator, string tenant, RunResponse run, WorkshopNumber workshop, params (Guid ReferralId, AttendanceMark Mark)[] marks) =>
        facilitator.PutAsync($"{Runs(tenant)}/{run.Id}/workshops/{workshop}/register", System.Net.Http.Json.JsonContent.Create(
            new RecordRegisterRequest(marks.Select(m => new RegisterEntryDto(m.ReferralId, m.Mark, null)).ToList()), options: HttpExtensions.Json));
}

public sealed record BookedRun(RunResponse Run, ReferralResponse Referral, BookingResponse Booking, TestPerson First, TestPerson Second);
