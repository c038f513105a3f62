using UglyToad.PdfPig;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.Workshops;

public sealed class BookingApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "thames-valley";

    private static DateOnly Today => UkCalendar.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task Thirty_concurrent_bookings_for_a_twelve_seat_run_make_exactly_twelve_and_eighteen_clear_refusals()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var run = await ScheduleAsync(client, Tenant, Today.AddDays(10), f1.UserId, f2.UserId);
        var referrals = new List<ReferralResponse>();
        for (var i = 0; i < 30; i++) referrals.Add(await EligibleAsync(client, Tenant));
        var callers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => fixture.ApiClientAsync(Tenant)));

        var responses = await Task.WhenAll(referrals.Select((r, i) => callers[i].PostJson($"{Runs(Tenant)}/{run.Id}/bookings", new BookRequest(r.Id))));

        Assert.Equal(12, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refusals = responses.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(18, refusals.Count);
        foreach (var refusal in refusals)
        {
            var problem = await refusal.ProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal("RunFull", problem.GetProperty("refusals")[0].GetProperty("code").GetString());
        }

        var after = await (await client.GetAsync($"{Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>();
        Assert.Equal((12, 0), (after.BookedCount, after.SeatsLeft));
        var booked = await (await client.GetAsync($"{Runs(Tenant)}/{run.Id}/bookings")).ReadAs<List<BookingResponse>>();
        Assert.Equal(12, booked.Count);
    }

    [Theory]
    [InlineData(27, false)]
    [InlineData(28, true)]
    [InlineData(35, true)]
    [InlineData(36, false)]
    public async Task Workshops_must_be_28_to_35_days_apart(int daysApart, bool accepted)
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var request = await RunRequestAsync(client, f1.UserId, f2.UserId) with { Workshop2 = new SessionDto(Today.AddDays(10 + daysApart), null, null) };
        var response = await client.PostJson(Runs(Tenant), request);
        if (accepted)
        {
            var run = await response.ReadAs<RunResponse>(HttpStatusCode.Created);
            Assert.Equal(("10:00", "15:00"), (run.Workshop1.StartTime, run.Workshop1.EndTime));
        }
        else
        {
            Assert.Contains("workshop2.date", (await response.ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        }
    }

    [Fact]
    public async Task A_run_needs_two_different_facilitators_of_the_tenant_and_at_most_twelve_places()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, _) = await FacilitatorsAsync(fixture, Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);

        var twice = await (await client.PostJson(Runs(Tenant), await RunRequestAsync(client, f1.UserId, f1.UserId))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("facilitatorIds", twice.Errors().Keys);
        var one = await (await client.PostJson(Runs(Tenant), await RunRequestAsync(client, f1.UserId))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("facilitatorIds", one.Errors().Keys);
        var notFacilitator = await (await client.PostJson(Runs(Tenant), await RunRequestAsync(client, f1.UserId, coordinator.UserId))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(coordinator.UserId.ToString(), notFacilitator.Errors()["facilitatorIds"][0], StringComparison.Ordinal);
        var thirteen = await (await client.PostJson(Runs(Tenant), await RunRequestAsync(client, f1.UserId, Guid.NewGuid()) with { Capacity = 13 }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("capacity", thirteen.Errors().Keys);
        // Leicestershire runs no female IPV group.
        var leicestershire = await fixture.ApiClientAsync("leicestershire");
        var remote = await RunRequestAsync(client, f1.UserId, Guid.NewGuid()) with
        {
            Cohort = Cohort.IpvFemale,
            Delivery = WorkshopDelivery.Remote,
            VenueId = null,
            MeetingLink = new Uri("https://meet.example.org/cara"),
        };
        var wrongCohort = await (await leicestershire.PostJson(Runs("leicestershire"), remote)).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("cohort", wrongCohort.Errors().Keys);
    }

    [Fact]
    public async Task A_thirteenth_booking_is_refused_and_mismatches_are_refused_with_clear_reasons()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var small = await ScheduleAsync(client, Tenant, Today.AddDays(12), f1.UserId, f2.UserId, capacity: 1);
        await BookAsync(client, Tenant, small, await EligibleAsync(client, Tenant));
        Assert.Equal("RunFull", await RefusalAsync(client, small, await EligibleAsync(client, Tenant)));

        var run = await ScheduleAsync(client, Tenant, Today.AddDays(12), f1.UserId, f2.UserId);
        // A family (non-IPV) offence belongs in the non-IPV group, not this IPV one.
        var family = ReferralApi.New(Tenant) with { Offence = ReferralApi.New(Tenant).Offence! with { Relationship = OffenceRelationship.Parent } };
        Assert.Equal("CohortMismatch", await RefusalAsync(client, run, await EligibleAsync(client, Tenant, family)));

        var polish = ReferralApi.New(Tenant) with { Offender = ReferralApi.New(Tenant).Offender! with { PreferredLanguage = "pl" } };
        Assert.Equal("LanguageMismatch", await RefusalAsync(client, run, await EligibleAsync(client, Tenant, polish)));

        var late = await ScheduleAsync(client, Tenant, Today.AddDays(100), f1.UserId, f2.UserId);
        Assert.Equal("Workshop2AfterDeadline", await RefusalAsync(client, late, await EligibleAsync(client, Tenant)));

        var twice = await EligibleAsync(client, Tenant);
        await BookAsync(client, Tenant, run, twice);
        var problem = await (await client.PostJson($"{Runs(Tenant)}/{late.Id}/bookings", new BookRequest(twice.Id))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("Booked", problem.GetProperty("currentState").GetString());

        var candidate = await EligibleAsync(client, Tenant);
        var fitting = await (await client.GetAsync($"{Runs(Tenant)}?fitsReferralId={candidate.Id}")).ReadAs<List<RunResponse>>();
        Assert.Contains(fitting, r => r.Id == run.Id);
        Assert.DoesNotContain(fitting, r => r.Id == small.Id || r.Id == late.Id);
    }

    [Fact]
    public async Task The_confirmation_letter_is_a_pdf_with_the_runs_dates_times_and_venue_and_no_victim_field()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var run = await ScheduleAsync(client, Tenant, Today.AddDays(14), f1.UserId, f2.UserId);
        var booking = await BookAsync(client, Tenant, run, await EligibleAsync(client, Tenant));
        var venue = await (await client.GetAsync($"/api/v1/tenants/{Tenant}/venues/{run.Venue!.Id}")).ReadAs<VenueResponse>();

        var response = await client.GetAsync($"/api/v1/tenants/{Tenant}/bookings/{booking.Id}/letter");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));

        Assert.Contains(run.Workshop1.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), text, StringComparison.Ordinal);
        Assert.Contains(run.Workshop2.Date.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), text, StringComparison.Ordinal);
        Assert.Contains("10:00 to 15:00", text, StringComparison.Ordinal);
        Assert.Contains(venue.Name, text, StringComparison.Ordinal);
        Assert.Contains(venue.Postcode, text, StringComparison.Ordinal);
        Assert.Contains("refused entry", text, StringComparison.Ordinal);
        Assert.Contains("The workshops are delivered in English.", text, StringComparison.Ordinal);
        foreach (var victimValue in ReferralApi.VictimValues)
            Assert.DoesNotContain(victimValue, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Cancelling_a_run_unbooks_its_participants_for_rebooking()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (run, referral, _, _, _) = await BookedRunAsync(fixture, Tenant, Today.AddDays(9));
        run = await (await client.GetAsync($"{Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>();

        var cancelled = await (await client.PostJson($"{Runs(Tenant)}/{run.Id}/cancel", new CancelRequest("Venue flooded", run.Version))).ReadAs<RunResponse>();
        Assert.NotNull(cancelled.CancelledAt);
        Assert.Equal(0, cancelled.SeatsLeft);
        // The timeline's reasons are the provider's staff's to read (an integration client gets the police's view).
        var coordinator = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator)).Email);
        var after = await (await coordinator.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal(ReferralStatus.Eligible, after.Status);
        Assert.Equal(ReferralAction.CancelBooking, after.Timeline[^1].Action);
        Assert.Contains("Venue flooded", after.Timeline[^1].Reason, StringComparison.Ordinal);
        var refused = await (await client.PostJson($"{Runs(Tenant)}/{run.Id}/bookings", new BookRequest(referral.Id))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("runId", refused.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Changing_a_runs_dates_notes_it_on_each_booked_referral_and_unbooks_one_whose_deadline_no_longer_fits()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var run = await ScheduleAsync(client, Tenant, Today.AddDays(20), f1.UserId, f2.UserId);
        var fits = await EligibleAsync(client, Tenant);
        var tight = await EligibleAsync(client, Tenant, ReferralApi.New(Tenant) with { DisposalDate = Today.AddDays(-60), Offence = ReferralApi.New(Tenant).Offence! with { Date = Today.AddDays(-70) } });
        await BookAsync(client, Tenant, run, fits);
        await BookAsync(client, Tenant, run, tight);
        run = await (await client.GetAsync($"{Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>();

        var request = new UpdateRunRequest(run.Cohort, run.Language, new SessionDto(Today.AddDays(30), null, null), new SessionDto(Today.AddDays(65), null, null),
            run.Delivery, run.Venue!.Id, null, run.Capacity, run.Facilitators.Select(f => f.Id).ToList(), run.Version);
        var updated = await (await client.PutAsync($"{Runs(Tenant)}/{run.Id}", System.Net.Http.Json.JsonContent.Create(request, options: HttpExtensions.Json))).ReadAs<RunResponse>();
        Assert.Equal(1, updated.BookedCount);

        var noted = await (await client.GetAsync($"{ReferralApi.Url(Tenant)}/{fits.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal((ReferralStatus.Booked, ReferralAction.NoteRunChanged), (noted.Status, noted.Timeline[^1].Action));
        var unbooked = await (await client.GetAsync($"{ReferralApi.Url(Tenant)}/{tight.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal((ReferralStatus.Eligible, ReferralAction.CancelBooking), (unbooked.Status, unbooked.Timeline[^1].Action));

        await (await client.PutAsync($"{Runs(Tenant)}/{run.Id}", System.Net.Http.Json.JsonContent.Create(request, options: HttpExtensions.Json)))
            .ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_input_on_the_workshop_endpoints_is_400_naming_the_field()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        Assert.Contains("cohort", (await (await client.PostRawJson(Runs(Tenant), "{\"cohort\": \"Mixed\"}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("workshop1", (await (await client.PostRawJson(Runs(Tenant), "{}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("workshop1.startTime", (await (await client.PostRawJson(Runs(Tenant),
            "{\"cohort\":\"IpvMale\",\"language\":\"en\",\"workshop1\":{\"date\":\"2027-01-09\",\"startTime\":\"25:99\"},\"workshop2\":{\"date\":\"2027-02-06\"},\"delivery\":\"Remote\",\"meetingLink\":\"https://meet.example/x\",\"facilitatorIds\":[]}"))
            .ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("referralId", (await (await client.PostRawJson($"{Runs(Tenant)}/{Guid.NewGuid()}/bookings", "{\"referralId\": \"nope\"}")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        await (await client.PostJson($"{Runs(Tenant)}/{Guid.NewGuid()}/bookings", new BookRequest(Guid.NewGuid()))).ProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"{Runs(Tenant)}/{Guid.NewGuid()}/workshops/Workshop3/register")).StatusCode);
        await (await client.PostRawJson($"{Runs(Tenant)}", "not json")).ProblemAsync(HttpStatusCode.BadRequest);

        // Control characters (PostgreSQL refuses NUL in text) and dates beyond CARA's centuries, in bodies and queries.
        var run = "{\"cohort\":\"IpvMale\",\"language\":\"LANGUAGE\",\"workshop1\":{\"date\":\"DATE1\"},\"workshop2\":{\"date\":\"DATE2\"},\"delivery\":\"Remote\",\"meetingLink\":\"https://meet.example/x\",\"facilitatorIds\":[]}";
        string Run(string language, string date1, string date2) => run.Replace("LANGUAGE", language, StringComparison.Ordinal)
            .Replace("DATE1", date1, StringComparison.Ordinal).Replace("DATE2", date2, StringComparison.Ordinal);
        Assert.Contains("language", await FieldsAsync(client.PostRawJson(Runs(Tenant), Run("e\\u0000n", "2030-01-05", "2030-02-02"))));
        Assert.Contains("workshop1.date", await FieldsAsync(client.PostRawJson(Runs(Tenant), Run("en", "9999-12-01", "9999-12-31"))));
        Assert.Contains("workshop1.date", await FieldsAsync(client.PostRawJson(Runs(Tenant), Run("en", "0001-01-01", "0001-02-01"))));
        Assert.Contains("workshop2.date", await FieldsAsync(client.PutRawJson($"{Runs(Tenant)}/{Guid.NewGuid()}", Run("en", "2999-12-20", "3000-01-20"))));
        Assert.Contains("from", await FieldsAsync(client.GetAsync($"{Runs(Tenant)}?from=0001-01-01")));
        Assert.Contains("to", await FieldsAsync(client.GetAsync($"{Runs(Tenant)}?to=9999-12-31")));
        Assert.Contains("reason", await FieldsAsync(client.PostRawJson($"{Runs(Tenant)}/{Guid.NewGuid()}/cancel", "{\"reason\":\"\\u0000\",\"version\":1}")));
        Assert.Contains("reason", await FieldsAsync(client.PostRawJson($"/api/v1/tenants/{Tenant}/bookings/{Guid.NewGuid()}/cancel", "{\"reason\":\"ill\\u0000\",\"version\":1}")));
        Assert.Contains("entries[0].note", await FieldsAsync(client.PutRawJson($"{Runs(Tenant)}/{Guid.NewGuid()}/workshops/Workshop1/register",
            $"{{\"entries\":[{{\"referralId\":\"{Guid.NewGuid()}\",\"mark\":\"Attended\",\"note\":\"\\u0000\"}}]}}")));
        Assert.Contains("answers[0].questionCode", await FieldsAsync(client.PostRawJson($"{Runs(Tenant)}/{Guid.NewGuid()}/feedback",
            $"{{\"referralId\":\"{Guid.NewGuid()}\",\"answers\":[{{\"questionCode\":\"q\\u0000\",\"value\":3}}]}}")));
    }

    private static async Task<IEnumerable<string>> FieldsAsync(Task<HttpResponseMessage> response) =>
        (await (await response).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys;

    private static async Task<ScheduleRunRequest> RunRequestAsync(HttpClient client, params Guid[] facilitators)
    {
        var venue = (await (await client.GetAsync($"/api/v1/tenants/{Tenant}/venues")).ReadAs<List<VenueResponse>>()).First();
        return new ScheduleRunRequest(Cohort.IpvMale, "en", new SessionDto(Today.AddDays(10), null, null), new SessionDto(Today.AddDays(38), null, null),
            WorkshopDelivery.Venue, venue.Id, null, Math.Min(12, venue.Capacity), [.. facilitators]);
    }

    private static async Task<string> RefusalAsync(HttpClient client, RunResponse run, ReferralResponse referral)
    {
        var problem = await (await client.PostJson($"{Runs(Tenant)}/{run.Id}/bookings", new BookRequest(referral.Id))).ProblemAsync(HttpStatusCode.Conflict);
        var refusals = problem.GetProperty("refusals");
        Assert.False(string.IsNullOrWhiteSpace(refusals[0].GetProperty("message").GetString()));
        return refusals.EnumerateArray().Select(r => r.GetProperty("code").GetString()!).First();
    }
}

public sealed class FeedbackQuestionTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_tenant_may_set_its_own_questionnaire_and_others_get_the_programme_defaults()
    {
        var own = await QuestionsAsync("avon-and-somerset");
        Assert.Equal(4, own.Questions.Count);
        Assert.Contains(own.Questions, q => q.Code == "understand-impact");

        var defaults = await QuestionsAsync("hampshire");
        Assert.Equal(FeedbackQuestionSet.PostCourseDefaults.Questions, defaults.Questions);
    }

    private async Task<FeedbackQuestionsResponse> QuestionsAsync(string tenant)
    {
        var api = await fixture.ApiClientAsync(tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, tenant);
        var run = await ScheduleAsync(api, tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), f1.UserId, f2.UserId);
        return await (await api.GetAsync($"{Runs(tenant)}/{run.Id}/feedback/questions")).ReadAs<FeedbackQuestionsResponse>();
    }
}
