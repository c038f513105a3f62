using CaraPlatform.Web.Features.VictimContact;

namespace CaraPlatform.Web.Tests.Features.VictimContact;

/// <summary>
/// The victim-contact caseload over the API: a case opens with its referral and is worked through to closure, with a
/// safe-contact check before each contact, one disclosure audit row per escalation, and nobody but victim-contact
/// workers and provider admins reaching it.
/// </summary>
public sealed class VictimCaseApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";
    private static readonly string Cases = $"/api/v1/tenants/{Tenant}/victim-contact/cases";

    [Fact]
    public async Task A_case_walks_from_referral_to_closure()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant);
        var worker = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.VictimContactWorker);
        var client = await fixture.PersonApiAsync(worker.Email);

        var opened = Assert.Single((await (await client.GetAsync($"{Cases}?unassigned=true")).ReadAs<List<VictimCaseSummary>>()), c => c.ReferralId == referral.Id);
        Assert.Null(opened.WorkerId);
        var taken = await (await client.PostJson($"{Cases}/{opened.Id}/worker", new AssignWorkerRequest(worker.UserId, opened.Version))).ReadAs<VictimCaseSummary>();
        Assert.Equal(worker.UserId, taken.WorkerId);
        Assert.Contains((await (await client.GetAsync($"{Cases}?mine=true")).ReadAs<List<VictimCaseSummary>>()), c => c.Id == opened.Id);

        // No contact without a safe-contact check since the last one.
        var contact = new ContactAttemptRequest(SafeContactMethod.Phone, ContactOutcome.Spoke, "Spoke-Note-" + Guid.NewGuid().ToString("N")[..6]);
        await AssertProblemAsync(await client.PostJson($"{Cases}/{opened.Id}/contact-attempts", contact), HttpStatusCode.UnprocessableEntity, "safeContactCheck");
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/safe-contact-checks", new SafeContactCheckRequest(SafeContactMethod.Phone, "Weekdays 10-12", false, "Bluebell")));
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/contact-attempts", contact));
        await AssertProblemAsync(await client.PostJson($"{Cases}/{opened.Id}/contact-attempts", contact), HttpStatusCode.UnprocessableEntity, "safeContactCheck");
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/needs", new NeedsRequest("Housing advice", "Referred to the council")));
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/signposting", new SignpostingRequest(["IDVA", "Refuge"], null)));
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/risk-reviews", new RiskReviewRequest(8, DashRisk.Standard, DashRisk.Medium, "New threats", null)));

        // A MARAC referral is a disclosure: one audit row, its lawful basis as the reason.
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/escalations", new EscalationRequest(
            SafeguardingRecipient.Marac, "Threats after the caution", "Risk summary and safe contact times", "MARAC coordinator", "DPA 2018 s.35 safeguarding", "Risk of serious harm")));
        var disclosures = await AuditRowsAsync(referral.Id, "victim-disclosure");
        Assert.Equal("DPA 2018 s.35 safeguarding", Assert.Single(disclosures));

        // The change after Workshop 1 waits for Workshop 1; closing waits for the referral to end.
        var change = new ReportedChangeRequest(WorkshopNumber.Workshop1, ReportedChange.Improved, "Calmer at home");
        await AssertProblemAsync(await client.PostJson($"{Cases}/{opened.Id}/reported-changes", change), HttpStatusCode.Conflict, "workshop");
        await MoveReferralAsync(referral.Id, r => r.Book(Actor, TimeProvider.System), r => r.RecordWorkshop1Attended(Actor, TimeProvider.System));
        var due = await (await client.GetAsync($"{Cases}?mine=true")).ReadAs<List<VictimCaseSummary>>();
        Assert.Equal([WorkshopNumber.Workshop1], due.Single(c => c.Id == opened.Id).ChangesDue);
        await OkAsync(client.PostJson($"{Cases}/{opened.Id}/reported-changes", change));
        await AssertProblemAsync(await client.PostJson($"{Cases}/{opened.Id}/close", new CloseCaseRequest("Support ended")), HttpStatusCode.Conflict, "referral");
        await MoveReferralAsync(referral.Id, r => r.RecordWorkshop2Attended(Actor, TimeProvider.System));
        var closed = await (await client.PostJson($"{Cases}/{opened.Id}/close", new CloseCaseRequest("Programme completed; victim supported throughout"))).ReadAs<VictimCaseSummary>();
        Assert.NotNull(closed.ClosedAt);
        await AssertProblemAsync(await client.PostJson($"{Cases}/{opened.Id}/needs", new NeedsRequest("More", null)), HttpStatusCode.Conflict, "caseId");

        var detail = await (await client.GetAsync($"{Cases}/{opened.Id}")).ReadAs<VictimCaseResponse>();
        Assert.Equal(
            [VictimCaseEntryKind.Closure, VictimCaseEntryKind.ReportedChange, VictimCaseEntryKind.Escalation, VictimCaseEntryKind.RiskReview,
                VictimCaseEntryKind.Signposting, VictimCaseEntryKind.Needs, VictimCaseEntryKind.ContactAttempt, VictimCaseEntryKind.SafeContactCheck],
            detail.Entries.Select(e => e.Kind));
        Assert.Equal("Bluebell", detail.Entries[^1].Notes.CodeWord);
        Assert.Equal(contact.Note, detail.Entries.Single(e => e.Kind == VictimCaseEntryKind.ContactAttempt).Notes.Note);
        Assert.Equal(ReportedChange.Improved, detail.Entries.Single(e => e.Kind == VictimCaseEntryKind.ReportedChange).Change);
        Assert.Single(await AuditRowsAsync(referral.Id, "victim-case-viewed"));
        Assert.Equal(6, (await AuditRowsAsync(referral.Id, "victim-contact-recorded")).Count);

        // What was typed is ciphertext at rest.
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var search = new NpgsqlCommand("SELECT count(*) FROM victim_case_entries e WHERE e::text ILIKE '%Bluebell%' OR e::text ILIKE @note", connection);
        search.Parameters.AddWithValue("note", $"%{contact.Note}%");
        Assert.Equal(0L, (long)(await search.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Only_victim_contact_workers_and_provider_admins_reach_a_case()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        var caseId = await CaseIdAsync(referral.Id);
        var check = new SafeContactCheckRequest(SafeContactMethod.Phone, "Any time", false, null);
        var outsiders = new Dictionary<string, HttpClient>
        {
            ["facilitator"] = await fixture.PersonApiAsync("facilitator@hampshire.demo"),
            ["coordinator"] = await fixture.PersonApiAsync("coordinator@hampshire.demo"),
            ["spoc"] = await fixture.PersonApiAsync("spoc@hampshire.demo"),
            ["integration client"] = api,
        };
        foreach (var (who, client) in outsiders)
        {
            foreach (var response in new[]
            {
                await client.GetAsync(Cases), await client.GetAsync($"{Cases}/{caseId}"),
                await client.PostJson($"{Cases}/{caseId}/safe-contact-checks", check),
                await client.PostJson($"{Cases}/{caseId}/worker", new AssignWorkerRequest(Guid.NewGuid(), 0)),
                await client.PostJson($"{Cases}/{caseId}/close", new CloseCaseRequest("x")),
            })
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who}: {response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}");
        }

        var otherTenant = await fixture.PersonApiAsync("victim-contact@west-yorkshire.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await otherTenant.GetAsync($"/api/v1/tenants/west-yorkshire/victim-contact/cases/{caseId}")).StatusCode);
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        await OkAsync(admin.PostJson($"{Cases}/{caseId}/safe-contact-checks", check));
    }

    [Fact]
    public async Task A_worker_never_facilitates_their_victims_participant_and_a_facilitator_never_takes_the_victims_case()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var both = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        await GrantAsync(both, TenantRole.VictimContactWorker);
        var other = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21), both.UserId, other.UserId);

        // Holding the victim's case first: booking the participant onto a run they facilitate is refused.
        var first = await WorkshopApi.EligibleAsync(api, Tenant);
        var firstCase = await CaseIdAsync(first.Id);
        await OkAsync(admin.PostJson($"{Cases}/{firstCase}/worker", new AssignWorkerRequest(both.UserId, await VersionAsync(admin, firstCase))));
        await AssertProblemAsync(await api.PostJson($"{WorkshopApi.Runs(Tenant)}/{run.Id}/bookings", new BookRequest(first.Id)), HttpStatusCode.Conflict, "referralId");

        // Facilitating the participant's run first: taking the victim's case is refused.
        var second = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, run, second);
        var secondCase = await CaseIdAsync(second.Id);
        await AssertProblemAsync(await admin.PostJson($"{Cases}/{secondCase}/worker", new AssignWorkerRequest(both.UserId, await VersionAsync(admin, secondCase))),
            HttpStatusCode.Conflict, "workerId");

        // A worker takes cases only for themselves.
        var worker = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.VictimContactWorker)).Email);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await worker.PostJson($"{Cases}/{secondCase}/worker", new AssignWorkerRequest(both.UserId, await VersionAsync(admin, secondCase)))).StatusCode);
    }

    [Fact]
    public async Task Changing_a_runs_facilitators_to_one_holding_a_booked_participants_case_is_refused()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var both = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        await GrantAsync(both, TenantRole.VictimContactWorker);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(23), first.UserId, second.UserId);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, run, referral);
        var caseId = await CaseIdAsync(referral.Id);
        await OkAsync(admin.PostJson($"{Cases}/{caseId}/worker", new AssignWorkerRequest(both.UserId, await VersionAsync(admin, caseId))));

        run = await (await api.GetAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>();
        var change = new UpdateRunRequest(run.Cohort, run.Language, new SessionDto(run.Workshop1.Date, null, null), new SessionDto(run.Workshop2.Date, null, null),
            run.Delivery, run.Venue!.Id, null, run.Capacity, [first.UserId, both.UserId], run.Version);
        await AssertProblemAsync(await api.PutAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}", System.Net.Http.Json.JsonContent.Create(change, options: HttpExtensions.Json)),
            HttpStatusCode.Conflict, "facilitatorIds");
        var unchanged = await (await api.GetAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}")).ReadAs<RunResponse>();
        Assert.Equal([first.UserId, second.UserId], unchanged.Facilitators.Select(f => f.Id));
    }

    private static readonly ReferralActor Actor = new(Guid.Empty, "Test");

    private static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(field, JsonNode.Parse(body)!["field"]!.GetValue<string>());
    }

    private static async Task<uint> VersionAsync(HttpClient client, Guid caseId) =>
        (await (await client.GetAsync($"{Cases}/{caseId}")).ReadAs<VictimCaseResponse>()).Case.Version;

    private async Task<Guid> CaseIdAsync(Guid referralId)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        return await db.VictimCases.Where(c => c.ReferralId == referralId).Select(c => c.Id).SingleAsync();
    }

    private async Task MoveReferralAsync(Guid referralId, params Action<Referral>[] moves)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId);
        foreach (var move in moves) move(referral);
        await db.SaveChangesAsync();
    }

    private async Task GrantAsync(TestPerson person, TenantRole role)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        var membership = await db.Memberships.SingleAsync(m => m.Id == person.MembershipId);
        membership.Roles = [.. membership.Roles, role];
        await db.SaveChangesAsync();
    }

    /// <summary>The reasons of the audit rows of <paramref name="action"/> on the referral's victim.</summary>
    private async Task<List<string?>> AuditRowsAsync(Guid referralId, string action)
    {
        await using var db = fixture.Database.SuperuserContext();
        return await db.AuditEvents.Where(a => a.Action == action && a.Subject == $"victim:{referralId}").Select(a => a.Reason).ToListAsync();
    }
}
