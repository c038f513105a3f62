using CaraPlatform.Domain.QaReviews;
using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.QaReviews;
using CaraPlatform.Web.Features.Training;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.QaReviews;

/// <summary>
/// A quality-assurance review through the API: a run with a register and feedback reaches the national read model, the
/// reviewer observes it, the provider acknowledges and evidences, the reviewer verifies; nothing a reviewer reads holds an
/// offender's or victim's value, and another tenant's ProviderAdmin finds nothing.
/// </summary>
public sealed class QaReviewApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = PostgresFixture.QaTenant;
    private const string Qa = "/api/v1/national/qa";
    private const string Reviewer = "qa@hamptontrust.demo";

    /// <summary>The seeded offender, as the referral gives them; with the victim's values, none may reach a reviewer.</summary>
    private static readonly OffenderDto Offender = new(
        "Zephaniah", "Quillhaven", new DateOnly(1987, 3, 9), Sex.Male, "17 Hollowmere Close", null, "Southampton", "SO16 7QZ", "07700 900987",
        "zeph.quillhaven@example.org", "en", false, "Needs the Quillhaven ramp", true);

    private const string RegisterNote = "Zephaniah spoke about the incident at length";

    public static string[] PersonalValues(string policeReference) =>
    [
        "Zephaniah", "Quillhaven", "1987-03-09", "9 March 1987", "09/03/1987", "SO16 7QZ", "07700 900987", "Hollowmere", "spoke about the incident",
        policeReference, .. ReferralApi.VictimValues,
    ];

    [Fact]
    public async Task A_review_walks_from_draft_to_closed_across_the_reviewer_and_the_provider_and_a_reviewer_reads_no_personal_value()
    {
        using var host = new FakeClockHost(fixture);
        var api = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var admin = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var run = await ScheduleAsync(api, Tenant, today.AddDays(7), f1.UserId, f2.UserId);
        var referral = await EligibleAsync(api, Tenant, ReferralApi.New(Tenant) with { Offender = Offender });
        await BookAsync(api, Tenant, run, referral);
        await AttendAsync(host, run, referral.Id, f1, f2);
        await fixture.RelayEventsAsync(Tenant);

        var qa = await host.PersonAsync(Reviewer);
        var observable = Assert.Single(await (await qa.GetAsync($"{Qa}/runs?tenant={Tenant}")).ReadAs<List<QaRunSummary>>(), r => r.Run.RunId == run.Id).Run;
        Assert.Equal((run.Venue!.Name, 1, 1), (observable.VenueName, observable.Workshop1Attended, observable.Workshop2Attended));
        Assert.Equal([f1.UserId, f2.UserId], observable.Facilitators.Select(f => f.UserId));
        var facts = await (await qa.GetAsync($"{Qa}/runs/{Tenant}/{run.Id}")).ReadAs<QaRunResponse>();
        Assert.NotEmpty(facts.Feedback);
        Assert.All(facts.Feedback, f => Assert.Null(f.Count)); // one participant: every count is under five

        var draft = await (await qa.PostJson($"{Qa}/reviews", Form(Tenant, run.Id, f1.UserId, today.AddDays(40)))).ReadAs<QaReviewResponse>(HttpStatusCode.Created);
        Assert.Equal(QaReviewStatus.Draft, draft.Status);
        var stranger = await (await qa.PostJson($"{Qa}/reviews", Form(Tenant, run.Id, Guid.NewGuid(), today))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("facilitatorIds[0]", stranger.Errors().Keys);
        var badScore = await (await qa.PostJson($"{Qa}/reviews", Form(Tenant, run.Id, f1.UserId, today) with
        { Scores = [new QaScoreRequest(QaDomain.FacilitationSkills, 5, "")] })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("scores[0].score", badScore.Errors().Keys);

        // The provider sees no draft, and cannot acknowledge one.
        var provider = await host.PersonAsync(admin.Email);
        var tenantReviews = $"/api/v1/tenants/{Tenant}/qa-reviews";
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync($"{tenantReviews}/{draft.Id}")).StatusCode);

        var submitted = await (await qa.PostJson($"{Qa}/reviews/{draft.Id}/submit", new QaReviewVersionRequest(draft.Version))).ReadAs<QaReviewResponse>();
        Assert.Equal(QaReviewStatus.Submitted, submitted.Status);
        await (await qa.PostJson($"{Qa}/reviews/{draft.Id}/submit", new QaReviewVersionRequest(draft.Version))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains($"/t/{Tenant}/qa-reviews/{draft.Id}", TestPeople.MailTo(fixture, admin.Email), StringComparison.Ordinal);

        // Another tenant's ProviderAdmin finds nothing, through their own tenant or this one.
        var elsewhere = await host.PersonAsync("admin@hampshire.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"/api/v1/tenants/hampshire/qa-reviews/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await elsewhere.GetAsync($"{tenantReviews}/{draft.Id}")).StatusCode);
        Assert.DoesNotContain(await (await elsewhere.GetAsync("/api/v1/tenants/hampshire/qa-reviews")).ReadAs<List<QaReviewSummary>>(), r => r.Id == draft.Id);

        var listed = Assert.Single(await (await provider.GetAsync(tenantReviews)).ReadAs<List<QaReviewSummary>>(), r => r.Id == draft.Id);
        Assert.NotEmpty(Assert.Single(listed.Facilitators));
        var action = submitted.Actions[0].Id;
        await (await provider.PostJson($"{tenantReviews}/{draft.Id}/actions/{action}/evidence", new QaEvidenceRequest("Done", submitted.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var acknowledged = await (await provider.PostJson($"{tenantReviews}/{draft.Id}/acknowledge", new AcknowledgeQaReviewRequest("We accept the findings", submitted.Version)))
            .ReadAs<QaReviewResponse>();
        Assert.Equal((QaReviewStatus.Acknowledged, "We accept the findings"), (acknowledged.Status, acknowledged.Response));
        await (await provider.PostJson($"{tenantReviews}/{draft.Id}/acknowledge", new AcknowledgeQaReviewRequest(null, submitted.Version)))
            .ProblemAsync(HttpStatusCode.Conflict); // stale

        // Past its due day the action is overdue on both sides until it is verified.
        host.Clock.SetUtcNow(host.Clock.GetUtcNow().AddDays(45));
        (qa, provider) = (await host.PersonAsync(Reviewer), await host.PersonAsync(admin.Email));
        Assert.True((await (await provider.GetAsync($"{tenantReviews}/{draft.Id}")).ReadAs<QaReviewResponse>()).Actions[0].Overdue);
        var dashboard = await (await qa.GetAsync($"{Qa}/dashboard")).ReadAs<QaDashboardResponse>();
        Assert.Equal(1, Assert.Single(dashboard.Tenants, t => t.Tenant == Tenant).OverdueActions);

        var evidenced = await (await provider.PostJson($"{tenantReviews}/{draft.Id}/actions/{action}/evidence",
            new QaEvidenceRequest("The team re-read the manual on 3 December", acknowledged.Version))).ReadAs<QaReviewResponse>();
        var closed = await (await qa.PostJson($"{Qa}/reviews/{draft.Id}/actions/{action}/verify", new QaReviewVersionRequest(evidenced.Version)))
            .ReadAs<QaReviewResponse>();
        Assert.Equal(QaReviewStatus.Closed, closed.Status);
        Assert.False(closed.Actions[0].Overdue);

        // Coverage: the facilitator observed is covered, the other is due.
        dashboard = await (await qa.GetAsync($"{Qa}/dashboard")).ReadAs<QaDashboardResponse>();
        Assert.Equal((QaRating.Good, 0), (dashboard.Tenants.Single(t => t.Tenant == Tenant).Latest, dashboard.Tenants.Single(t => t.Tenant == Tenant).OverdueActions));
        Assert.False(dashboard.Coverage.Single(c => c.UserId == f1.UserId).Due);
        Assert.True(dashboard.Coverage.Single(c => c.UserId == f2.UserId).Due);

        // A Trainer's sign-off may cite the review for the facilitator it observed, and for no one else.
        var trainer = await host.PersonAsync("trainer@hamptontrust.demo");
        async Task<TrainingRecordResponse> RefresherAsync(TestPerson person) =>
            await (await trainer.PostJson("/api/v1/national/training/records", new RecordTrainingRequest(person.UserId, TrainingCourseKind.FacilitatorRefresher,
                UkCalendar.DateOf(host.Clock.GetUtcNow()), null))).ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        var unobserved = await (await trainer.PostJson($"/api/v1/national/training/records/{(await RefresherAsync(f2)).Id}/sign-off",
            new SignOffRequest(null, draft.Id))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("observationReviewId", unobserved.Errors().Keys);
        var cited = await (await trainer.PostJson($"/api/v1/national/training/records/{(await RefresherAsync(f1)).Id}/sign-off",
            new SignOffRequest(null, draft.Id))).ReadAs<TrainingRecordResponse>();
        Assert.Equal(draft.Id, cited.ObservationReviewId);

        // Every answer a reviewer can reach, field by field, holds none of the offender's or victim's values.
        var forbidden = PersonalValues(referral.PoliceReference);
        foreach (var url in new[]
                 {
                     $"{Qa}/dashboard", $"{Qa}/runs", $"{Qa}/runs?tenant={Tenant}", $"{Qa}/runs/{Tenant}/{run.Id}", $"{Qa}/reviews",
                     $"{Qa}/reviews?tenant={Tenant}", $"{Qa}/reviews/{draft.Id}",
                 })
        {
            using var response = await qa.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
            foreach (var (path, value) in Leaves(body, "$"))
                Assert.False(forbidden.Any(v => value.Contains(v, StringComparison.OrdinalIgnoreCase)), $"{url} {path} = {value}");
        }
    }

    /// <summary>Workshop 1 and 2 attended, with a note on the register and the questionnaires before and after.</summary>
    private static async Task AttendAsync(FakeClockHost host, RunResponse run, Guid referralId, TestPerson f1, TestPerson f2)
    {
        var feedback = $"{Runs(Tenant)}/{run.Id}/feedback";
        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(10));
        var facilitator = await host.PersonAsync(f1.Email);
        (await facilitator.PostJson(feedback, new RecordFeedbackRequest(referralId, [new("attitude-towards-partner", 2), new("helped-relationship-issues", 3)],
            FeedbackStage.PreCourse))).EnsureSuccessStatusCode();
        (await facilitator.PutAsync($"{Runs(Tenant)}/{run.Id}/workshops/{WorkshopNumber.Workshop1}/register", JsonContent.Create(
            new RecordRegisterRequest([new RegisterEntryDto(referralId, AttendanceMark.Attended, RegisterNote)]), options: HttpExtensions.Json)))
            .EnsureSuccessStatusCode();
        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddHours(4));
        facilitator = await host.PersonAsync(f2.Email);
        (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop2, (referralId, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        (await facilitator.PostJson(feedback, new RecordFeedbackRequest(referralId,
            [new("attitude-towards-partner", 5), new("helped-relationship-issues", 4), new("would-recommend", 5)]))).EnsureSuccessStatusCode();
    }

    public static DraftQaReviewRequest Form(string tenant, Guid runId, Guid facilitator, DateOnly actionDue) => new(
        tenant, runId, ObservationMode.Live, actionDue.AddDays(-40), [facilitator],
        [.. Enum.GetValues<QaDomain>().Select(d => new QaScoreRequest(d, 3, $"{d}: held the group well"))], QaRating.Good,
        "A well-run group; the disclosure section was rushed.", [new QaActionRequest("Re-read the manual's section on disclosures", "Lead facilitator", actionDue)]);

    /// <summary>
    /// A submitted review of a new run of <paramref name="tenant"/> (its events relayed to the national read model),
    /// with one action: for tests that need one to exist.
    /// </summary>
    public static async Task<QaReviewResponse> SubmittedAsync(CaraPlatformFixture fixture, string tenant)
    {
        var booked = await BookedRunAsync(fixture, tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21));
        await fixture.RelayEventsAsync(tenant);
        var qa = await fixture.PersonApiAsync(Reviewer);
        var draft = await (await qa.PostJson($"{Qa}/reviews", Form(tenant, booked.Run.Id, booked.First.UserId, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30))))
            .ReadAs<QaReviewResponse>(HttpStatusCode.Created);
        return await (await qa.PostJson($"{Qa}/reviews/{draft.Id}/submit", new QaReviewVersionRequest(draft.Version))).ReadAs<QaReviewResponse>();
    }

    /// <summary>Every string or number in a JSON document, with its path.</summary>
    public static IEnumerable<(string Path, string Value)> Leaves(JsonNode? node, string path) => node switch
    {
        JsonObject o => o.SelectMany(p => Leaves(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((n, i) => Leaves(n, $"{path}[{i}]")),
        JsonValue v => [(path, v.ToString())],
        _ => [],
    };
}
