using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Features.VictimContact;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>
/// What participants and victims say, from the tenant to the national tables: questionnaires before and after the
/// course under their stage rules, victim-reported change and signposting as events with no free text and no police
/// notice, and the national measures moving by exactly what was recorded (raw tables, so small counts show).
/// </summary>
public sealed class NationalVoicesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "thames-valley";
    private static readonly ReferralActor Actor = new(Guid.Empty, "Test");
    private static readonly NationalFilter OfTenant = new(Tenant, null, null, null, null, null);

    [Fact]
    public async Task Questionnaires_are_taken_once_per_stage_when_their_workshop_has_started_and_counted_before_and_after()
    {
        using var host = new FakeClockHost(fixture);
        var api = await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var run = await ScheduleAsync(api, Tenant, UkCalendar.DateOf(host.Clock.GetUtcNow()).AddDays(7), f1.UserId, f2.UserId);
        var referrals = new List<ReferralResponse>();
        for (var i = 0; i < 3; i++)
        {
            var referral = await EligibleAsync(api, Tenant);
            await BookAsync(api, Tenant, run, referral);
            referrals.Add(referral);
        }

        var before = await RawAsync(QuestionnaireAnswersMeasure.TableId);
        var facilitator = await host.PersonAsync(f1.Email);
        var feedback = $"{Runs(Tenant)}/{run.Id}/feedback";
        var questions = await (await facilitator.GetAsync($"{feedback}/questions?stage=PreCourse")).ReadAs<FeedbackQuestionsResponse>();
        Assert.Equal(FeedbackStage.PreCourse, questions.Stage);
        Assert.Equal(FeedbackQuestionSet.PreCourseDefaults.Questions, questions.Questions);

        // Before Workshop 1 starts there is nothing to ask.
        Assert.Contains("submittedAt", await FieldsAsync(facilitator.PostJson(feedback, Pre(referrals[0].Id, 2, 3)), HttpStatusCode.BadRequest));

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(10));
        facilitator = await host.PersonAsync(f1.Email); // a token of this clock's time
        await NoContentAsync(facilitator.PostJson(feedback, Pre(referrals[0].Id, 2, 3)));
        await NoContentAsync(facilitator.PostJson(feedback, Pre(referrals[1].Id, 1, 4)));
        await NoContentAsync(facilitator.PostJson(feedback, Pre(referrals[2].Id, 4, 4)));
        Assert.Equal("stage", await FieldAsync(facilitator.PostJson(feedback, Pre(referrals[0].Id, 5, 5)), HttpStatusCode.Conflict));
        Assert.Equal("referralId", await FieldAsync(facilitator.PostJson(feedback, Post(referrals[0].Id, 5, 4, 5)), HttpStatusCode.Conflict));
        (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop1, [.. referrals.Select(r => (r.Id, AttendanceMark.Attended))]))
            .EnsureSuccessStatusCode();

        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddHours(4));
        facilitator = await host.PersonAsync(f2.Email);
        (await RegisterAsync(facilitator, Tenant, run, WorkshopNumber.Workshop2, [.. referrals.Select(r => (r.Id, AttendanceMark.Attended))]))
            .EnsureSuccessStatusCode();
        await NoContentAsync(facilitator.PostJson(feedback, Post(referrals[0].Id, 5, 4, 5)));
        await NoContentAsync(facilitator.PostJson(feedback, Post(referrals[1].Id, 4, 2, 3)));
        Assert.Equal("stage", await FieldAsync(facilitator.PostJson(feedback, Post(referrals[0].Id, 1, 1, 1)), HttpStatusCode.Conflict));

        // Stage travels with the event; no answer reaches the police.
        var notices = await fixture.NoticesAsync(Tenant, referrals[0].Id);
        Assert.All(notices, n => Assert.DoesNotContain("attitude", n.Payload, StringComparison.Ordinal));
        var after = await RawAsync(QuestionnaireAnswersMeasure.TableId);

        // Counts per point of the scale (1..5) and the total, by hand.
        AssertMoved(before, after, "attitude-towards-partner.pre-course", [1, 1, 0, 1, 0, 3]);
        AssertMoved(before, after, "helped-relationship-issues.pre-course", [0, 0, 1, 2, 0, 3]);
        AssertMoved(before, after, "attitude-towards-partner.post-course", [0, 0, 0, 1, 1, 2]);
        AssertMoved(before, after, "helped-relationship-issues.post-course", [0, 1, 0, 1, 0, 2]);
        AssertMoved(before, after, "would-recommend.post-course", [0, 0, 1, 0, 1, 2]);
        var agreeing = Row(after, "attitude-towards-partner.post-course").Cells;
        Assert.Equal(Math.Round(100m * (agreeing[3].Value!.Value + agreeing[4].Value!.Value) / agreeing[5].Value!.Value, 1), agreeing[6].Value);
    }

    [Fact]
    public async Task The_facilitator_takes_the_pre_course_questionnaire_from_the_workshop_1_register_once()
    {
        using var host = new FakeClockHost(fixture);
        var booked = await BookedRunAsync(fixture, Tenant, UkCalendar.DateOf(host.Clock.GetUtcNow()).AddDays(7));
        host.Clock.SetUtcNow(booked.Run.Workshop1.StartsAt.AddMinutes(5));
        var facilitator = await UserTokens.SignedInBrowserAsync(host.Web, booked.First.Email);
        var url = $"/t/{Tenant}/runs/{booked.Run.Id}/feedback/{booked.Referral.Id}?stage=PreCourse";
        Assert.Contains($"href=\"{url}\"", await UserTokens.GetOkAsync(facilitator, $"/t/{Tenant}/runs/{booked.Run.Id}/register/Workshop1"),
            StringComparison.Ordinal);

        var form = WebUtility.HtmlDecode(await UserTokens.GetOkAsync(facilitator, url));
        Assert.Contains("Pre-course questionnaire", form, StringComparison.Ordinal);
        Assert.All(FeedbackQuestionSet.PreCourseDefaults.Questions, q => Assert.Contains(q.Text, form, StringComparison.Ordinal));
        Assert.DoesNotContain("would-recommend", form, StringComparison.Ordinal);
        using var recorded = await facilitator.PostAsync(url, UserTokens.Form(form, new Dictionary<string, string>
        {
            ["answer-attitude-towards-partner"] = "2",
            ["answer-helped-relationship-issues"] = "3",
        }));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Equal($"/t/{Tenant}/runs/{booked.Run.Id}/register/Workshop1?done=feedback", recorded.Headers.Location!.ToString());
        var again = await UserTokens.GetOkAsync(facilitator, url);
        Assert.Contains("id=\"feedback-recorded\"", again, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"feedback-form\"", again, StringComparison.Ordinal);
        var stored = await fixture.ReadAsync(Tenant, db => db.FeedbackResponses.AsNoTracking().SingleAsync(f => f.ReferralId == booked.Referral.Id));
        Assert.Equal((FeedbackStage.PreCourse, 2), (stored.Stage, stored.Answers.Single(a => a.QuestionCode == "attitude-towards-partner").Value));
    }

    [Fact]
    public async Task Victim_reported_change_and_signposting_raise_events_of_codes_only_that_the_national_tables_count_and_the_police_never_see()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await EligibleAsync(api, Tenant);
        var worker = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.VictimContactWorker);
        var client = await fixture.PersonApiAsync(worker.Email);
        var cases = $"/api/v1/tenants/{Tenant}/victim-contact/cases";
        var opened = Assert.Single(await (await client.GetAsync($"{cases}?unassigned=true")).ReadAs<List<VictimCaseSummary>>(), c => c.ReferralId == referral.Id);
        await OkAsync(client.PostJson($"{cases}/{opened.Id}/worker", new AssignWorkerRequest(worker.UserId, opened.Version)));
        var before = (Changes: await RawAsync(VictimReportedChangeMeasure.TableId), Signposting: await RawAsync(SignpostingMeasure.TableId));

        var typed = "Typed-" + Guid.NewGuid().ToString("N")[..8];
        await OkAsync(client.PostJson($"{cases}/{opened.Id}/signposting", new SignpostingRequest(["IDVA", Signposting.Other], typed + " food bank")));
        await MoveReferralAsync(referral.Id, r => r.Book(Actor, TimeProvider.System), r => r.RecordWorkshop1Attended(Actor, TimeProvider.System));
        await OkAsync(client.PostJson($"{cases}/{opened.Id}/reported-changes", new ReportedChangeRequest(WorkshopNumber.Workshop1, ReportedChange.Improved, typed + " calmer")));
        await MoveReferralAsync(referral.Id, r => r.RecordWorkshop2Attended(Actor, TimeProvider.System));
        await OkAsync(client.PostJson($"{cases}/{opened.Id}/reported-changes", new ReportedChangeRequest(WorkshopNumber.Workshop2, ReportedChange.NoChange, typed)));

        // The events hold the entry, the force and the structured answers: nothing typed, no referral, no person.
        var entries = (await (await client.GetAsync($"{cases}/{opened.Id}")).ReadAs<VictimCaseResponse>()).Entries
            .Where(e => e.Kind is VictimCaseEntryKind.ReportedChange or VictimCaseEntryKind.Signposting).Select(e => e.Id).ToList();
        var events = await fixture.ReadAsync(Tenant, db => db.TenantEvents.AsNoTracking().Where(e => entries.Contains(e.AggregateId)).OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(["victim.signposted", "victim.change-reported", "victim.change-reported"], events.Select(e => e.Type));
        Assert.Equal(["entryId", "forceCode", "occurredAt", "services"], Properties(events[0].Payload));
        Assert.Equal(["change", "entryId", "forceCode", "occurredAt", "workshop"], Properties(events[1].Payload));
        Assert.Equal(["IDVA", "Other"], JsonNode.Parse(events[0].Payload)!["services"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(referral.ForceCode, JsonNode.Parse(events[1].Payload)!["forceCode"]!.GetValue<string>());
        Assert.All(events, e =>
        {
            Assert.DoesNotContain(typed, e.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(referral.Id.ToString(), e.Payload, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(worker.UserId.ToString(), e.Payload, StringComparison.OrdinalIgnoreCase);
        });

        // Relayed: no police notice comes of them (a notice takes its event's id), and the national tables count them.
        await fixture.RelayEventsAsync(Tenant);
        var eventIds = events.Select(e => e.Id).ToList();
        Assert.False(await fixture.ReadAsync(Tenant, db => db.PoliceNotices.AnyAsync(n => eventIds.Contains(n.Id))));
        Assert.All(await fixture.NoticesAsync(Tenant, referral.Id), n => Assert.DoesNotContain(typed, n.Payload, StringComparison.Ordinal));
        var changes = await RawAsync(VictimReportedChangeMeasure.TableId);
        AssertMoved(before.Changes, changes, "workshop1", [1, 0, 0, 0, 1]);
        AssertMoved(before.Changes, changes, "workshop2", [0, 1, 0, 0, 1]);
        AssertMoved(before.Signposting, await RawAsync(SignpostingMeasure.TableId), "IDVA", [1]);
        await using (var db = fixture.Database.SuperuserContext())
        {
            var row = await db.NationalVictimChanges.SingleAsync(c => c.EntryId == entries[1]);
            Assert.Equal((referral.ForceCode, WorkshopNumber.Workshop1, ReportedChange.Improved), (row.ForceCode, row.Workshop, row.Change));
        }

        // Replayed from the start under a fresh cursor (as a rebuild does), the same rows: nothing counts twice.
        await fixture.Relay(new Replay(fixture.Web.Services.GetServices<ITenantEventConsumer>().OfType<NationalFeed>().Single())).RunOnceAsync(Tenant);
        AssertMoved(before.Changes, await RawAsync(VictimReportedChangeMeasure.TableId), "workshop1", [1, 0, 0, 0, 1]);

        // The analyst reads the table suppressed, over the API.
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
        var table = await (await analyst.GetAsync($"/api/v1/national/data/{VictimReportedChangeMeasure.TableId}?tenant={Tenant}")).ReadAs<NationalTableResponse>();
        Assert.Equal(["improved", "no-change", "worse", "not-asked-no-contact", "total", "improved-share"], table.Columns.Select(c => c.Key));
        Assert.Equal(["workshop1", "workshop2", "total"], table.Rows.Select(r => r.Key));
    }

    [Fact]
    public void A_questionnaire_event_stored_before_stages_existed_reads_as_post_course()
    {
        var stored = $$"""{"feedbackId":"{{Guid.NewGuid()}}","runId":"{{Guid.NewGuid()}}","referralId":"{{Guid.NewGuid()}}","answers":[{"questionCode":"would-recommend","value":4}],"occurredAt":"2026-06-01T12:00:00+00:00"}""";
        var read = Assert.IsType<FeedbackRecorded>(TenantEventTypes.Deserialize("feedback.recorded", 1, stored));
        Assert.Equal(FeedbackStage.PostCourse, read.Stage);
    }

    private static RecordFeedbackRequest Pre(Guid referralId, int attitude, int helped) =>
        new(referralId, [new("attitude-towards-partner", attitude), new("helped-relationship-issues", helped)], FeedbackStage.PreCourse);

    private static RecordFeedbackRequest Post(Guid referralId, int attitude, int helped, int recommend) =>
        new(referralId, [new("attitude-towards-partner", attitude), new("helped-relationship-issues", helped), new("would-recommend", recommend)]);

    /// <summary>The measure's raw table for the tenant, after the tenant's events are relayed.</summary>
    private async Task<NationalTable> RawAsync(string tableId)
    {
        await fixture.RelayEventsAsync(Tenant);
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NationalData>().Find(tableId)!.ComputeAsync(OfTenant, CancellationToken.None);
    }

    /// <summary>The row's first count cells grew by exactly <paramref name="by"/> (a row missing before counted nothing).</summary>
    private static void AssertMoved(NationalTable before, NationalTable after, string rowKey, long[] by)
    {
        var was = before.Rows.FirstOrDefault(r => r.Key == rowKey)?.Cells.Select(c => (long)(c.Value ?? 0)).ToList();
        var now = Row(after, rowKey).Cells.Select(c => (long)(c.Value ?? 0)).ToList();
        Assert.Equal(by, by.Select((_, i) => now[i] - (was?[i] ?? 0)));
    }

    /// <summary>The national feed under a name of its own, so its cursor starts at the tenant's first event.</summary>
    private sealed class Replay(ITenantEventConsumer feed) : ITenantEventConsumer
    {
        public string Name { get; } = $"{feed.Name}-replay-{Guid.NewGuid():N}";

        public Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken) =>
            feed.HandleAsync(tenant, events, db, cancellationToken);
    }

    private static NationalRow Row(NationalTable table, string key) => Assert.Single(table.Rows, r => r.Key == key);

    private static List<string> Properties(string payload) => [.. JsonNode.Parse(payload)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal)];

    private async Task MoveReferralAsync(Guid referralId, params Action<Referral>[] moves)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId);
        foreach (var move in moves) move(referral);
        await db.SaveChangesAsync();
    }

    private static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task NoContentAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.NoContent, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string?> FieldAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return JsonNode.Parse(body)!["field"]?.GetValue<string>();
    }

    private static async Task<List<string>> FieldsAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        return [.. JsonNode.Parse(body)!["errors"]!.AsObject().Select(p => p.Key)];
    }
}
