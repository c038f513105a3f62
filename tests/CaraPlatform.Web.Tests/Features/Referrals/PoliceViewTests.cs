using Microsoft.AspNetCore.Routing;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>
/// Least privilege for the police (issue 13): in a tenant of two forces a SPOC of one force reads nothing of the
/// other's, and a SPOC and a <c>referrals.read</c> client read none of the provider's free text and nothing about the
/// victim, on every API answer and page they reach. The endpoints and pages come from the host's endpoint list, so a
/// new one is covered without a change here (a new route parameter needs an example value in <see cref="RouteValues"/>).
/// </summary>
public sealed class PoliceViewTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = PostgresFixture.TwoForceTenant;
    private const string ForceA = "cambridgeshire";
    private const string ForceB = PostgresFixture.SecondForce;

    // The provider's free text on each referral: distinctive, so that any body holding one is caught.
    private const string ScreeningNote = "SCREENING-NOTE-Q7X2";
    private const string ScreeningReason = "SCREENING-REASON-Q7X2";
    private const string CancelReason = "CANCEL-REASON-Q7X2";
    private const string ReturnReason = "Three calls unanswered, no reply to letters";

    private static readonly string[] ProviderText = [ScreeningNote, ScreeningReason, CancelReason];

    [Fact]
    public async Task A_SPOC_serves_only_forces_of_the_tenant_and_needs_one_where_there_are_several()
    {
        var admin = await AdminAsync();
        var spoc = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc);

        Assert.Equal("forceCodes", await RefusedFieldAsync(await ChangeAsync(admin, spoc, [TenantRole.ForceSpoc], null)));
        Assert.Equal("forceCodes", await RefusedFieldAsync(await ChangeAsync(admin, spoc, [TenantRole.ForceSpoc], ["not-a-force"])));
        Assert.Equal("forceCodes", await RefusedFieldAsync(await ChangeAsync(admin, spoc, [TenantRole.Coordinator], [ForceA])));
        var served = await (await ChangeAsync(admin, spoc, [TenantRole.ForceSpoc], [ForceB, ForceA])).ReadAs<MemberResponse>();
        Assert.Equal([ForceB, ForceA], served.ForceCodes);
        // Omitted, a SPOC keeps their forces; another role has none.
        Assert.Equal([ForceB, ForceA], (await (await ChangeAsync(admin, spoc, [TenantRole.ForceSpoc], null)).ReadAs<MemberResponse>()).ForceCodes);
        Assert.Empty((await (await ChangeAsync(admin, spoc, [TenantRole.Coordinator], null)).ReadAs<MemberResponse>()).ForceCodes);

        var invite = $"/api/v1/tenants/{Tenant}/invitations";
        Assert.Equal("forceCodes", await RefusedFieldAsync(await admin.PostJson(invite, new CreateInvitationRequest(NewEmail(), [TenantRole.ForceSpoc]))));
        var invited = await (await admin.PostJson(invite, new CreateInvitationRequest(NewEmail(), [TenantRole.ForceSpoc], [ForceB])))
            .ReadAs<InvitationResponse>(HttpStatusCode.Created);
        Assert.Equal([ForceB], invited.ForceCodes);

        // A tenant of one force gives a SPOC its own.
        var oneForce = await TestPeople.MemberAsync(fixture, "dorset", TenantRole.ProviderAdmin);
        var dorsetInvited = await (await (await fixture.PersonApiAsync(oneForce.Email)).PostJson("/api/v1/tenants/dorset/invitations",
            new CreateInvitationRequest(NewEmail(), [TenantRole.ForceSpoc]))).ReadAs<InvitationResponse>(HttpStatusCode.Created);
        Assert.Equal(["dorset"], dorsetInvited.ForceCodes);
    }

    [Fact]
    public async Task A_SPOC_with_no_forces_reads_the_force_of_a_one_force_tenant_and_nothing_where_there_are_several()
    {
        var dorset = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("dorset"), "dorset");
        var dorsetSpoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, "dorset", TenantRole.ForceSpoc)).Email);
        Assert.Equal(HttpStatusCode.OK, (await dorsetSpoc.GetAsync($"{ReferralApi.Url("dorset")}/{dorset.Id}")).StatusCode);

        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant);
        var spoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc)).Email);
        Assert.Equal(HttpStatusCode.NotFound, (await spoc.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}")).StatusCode);
        Assert.Empty((await (await spoc.GetAsync($"{ReferralApi.Url(Tenant)}?limit=100")).ReadAs<ReferralPage>()).Items);
    }

    [Fact]
    public async Task A_SPOC_and_a_referrals_read_client_get_the_police_view_on_every_API_answer_and_nothing_of_the_other_force()
    {
        var world = await SeedAsync();
        var spoc = await fixture.PersonApiAsync(world.SpocA.Email);
        var client = await fixture.ApiClientAsync(Tenant, ApiScopes.ReferralsRead);

        // The provider's staff read it all, so the markers are there to be hidden.
        var coordinator = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator)).Email);
        var whole = await ReadAsync(coordinator, $"{ReferralApi.Url(Tenant)}/{world.A.Id}");
        Assert.Contains(ScreeningNote, whole, StringComparison.Ordinal);
        Assert.Contains(ScreeningReason, whole, StringComparison.Ordinal);
        Assert.Contains(CancelReason, await ReadAsync(coordinator, $"{ReferralApi.Url(Tenant)}/{world.A.Id}/bookings"), StringComparison.Ordinal);

        var reads = TenantEndpoints("/api/v1/tenants/{tenant}").Where(e => Method(e) == "GET").ToList();
        var reached = new List<string>();
        var failures = new List<string>();
        foreach (var (name, http, forbidden) in new[] { ("SPOC of force A", spoc, world.ForceBReferences), ("referrals.read client", client, []) })
        {
            foreach (var endpoint in reads)
            {
                var url = RouteUrls.Fill(endpoint, RouteValues(world, world.A.Id, world.NoticeA));
                using var response = await http.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                failures.AddRange(Leaks(body, forbidden).Select(leak => $"GET {url} as {name} shows {leak}"));
                if (response.StatusCode == HttpStatusCode.OK) reached.Add($"{name} {endpoint.RoutePattern.RawText!.TrimEnd('/')}");
            }
        }

        Assert.Empty(failures);
        foreach (var path in new[] { "/referrals", "/referrals/{referralId:guid}", "/referrals/{referralId:guid}/bookings", "/notices" })
        {
            Assert.Contains($"SPOC of force A /api/v1/tenants/{{tenant}}{path}", reached);
            Assert.Contains($"referrals.read client /api/v1/tenants/{{tenant}}{path}", reached);
        }

        // Force B's referral and notice are not found, however they are asked for.
        foreach (var endpoint in reads.Where(e => e.RoutePattern.Parameters.Any(p => p.Name is "referralId" or "noticeId")))
        {
            var url = RouteUrls.Fill(endpoint, RouteValues(world, world.B.Id, world.NoticeB));
            Assert.True((await spoc.GetAsync(url)).StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"GET {url} as the SPOC of force A");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await spoc.PostAsync($"/api/v1/tenants/{Tenant}/notices/{world.NoticeB}/read", null)).StatusCode);
        var search = await ReadAsync(spoc, $"{ReferralApi.Url(Tenant)}?q={Uri.EscapeDataString(world.B.PoliceReference)}");
        Assert.DoesNotContain(world.B.Id.ToString(), search, StringComparison.Ordinal);

        // The police's shape: their own answers, the status and the reason for a return; no screening and no timeline text.
        var police = await (await spoc.GetAsync($"{ReferralApi.Url(Tenant)}/{world.ReturnedA.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal(ReferralView.Police, police.View);
        Assert.Equal(ReturnReason, police.ReturnReason);
        Assert.All(police.Timeline, t => Assert.True(t.Reason is null && t.Actor is null));
        var booked = await (await client.GetAsync($"{ReferralApi.Url(Tenant)}/{world.A.Id}")).ReadAs<ReferralResponse>();
        Assert.Null(booked.Screening);
        Assert.NotNull(booked.Eligibility);
        Assert.Equal(ReferralView.Police, booked.View);

        // Counts: the SPOC's unread notices are those of force A's referrals alone.
        var inbox = await (await spoc.GetAsync($"/api/v1/tenants/{Tenant}/notices?limit=100")).ReadAs<NoticePageResponse>();
        Assert.Equal(await UnreadOfForceAsync(ForceA), inbox.UnreadCount);
        Assert.All(inbox.Items, n => Assert.DoesNotContain(n.PoliceReference, world.ForceBReferences));
    }

    [Fact]
    public async Task What_a_SPOC_sends_and_changes_answers_in_the_police_view_and_only_for_their_forces()
    {
        var world = await SeedAsync();
        var spoc = await fixture.PersonApiAsync(world.SpocA.Email);

        var sent = await ReferralApi.CreateAsync(spoc, Tenant, ReferralApi.New(Tenant) with { ForceCode = ForceA });
        Assert.Equal(ReferralView.Police, sent.View);
        Assert.Equal("forceCode", await RefusedFieldAsync(await spoc.PostJson(ReferralApi.Url(Tenant), ReferralApi.New(Tenant) with { ForceCode = ForceB })));

        using var withdrawnB = await spoc.PostJson($"{ReferralApi.Url(Tenant)}/{world.B.Id}/withdraw", new ReasonRequest("Withdrawn", world.B.Version));
        Assert.Equal(HttpStatusCode.NotFound, withdrawnB.StatusCode);
        var current = await (await spoc.GetAsync($"{ReferralApi.Url(Tenant)}/{world.A.Id}")).ReadAs<ReferralResponse>();
        using var withdrawn = await spoc.PostJson($"{ReferralApi.Url(Tenant)}/{world.A.Id}/withdraw", new ReasonRequest("The offender moved away", current.Version));
        var body = await withdrawn.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Empty(Leaks(body, world.ForceBReferences));
        Assert.Equal(ReferralView.Police, JsonSerializer.Deserialize<ReferralResponse>(body, HttpExtensions.Json)!.View);
    }

    [Fact]
    public async Task Every_page_a_SPOC_reaches_shows_the_police_view_and_nothing_of_the_other_force()
    {
        var world = await SeedAsync();
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, world.SpocA.Email);
        var pages = TenantEndpoints("/t/{tenant}").Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null).ToList();
        var reached = new List<string>();
        var failures = new List<string>();
        foreach (var page in pages)
        {
            var url = "/" + RouteUrls.Fill(page, RouteValues(world, world.A.Id, world.NoticeA)).TrimStart('/');
            using var response = await browser.GetAsync(url);
            failures.AddRange(Leaks(await response.Content.ReadAsStringAsync(), world.ForceBReferences).Select(leak => $"GET {url} shows {leak}"));
            if (response.StatusCode == HttpStatusCode.OK) reached.Add(page.RoutePattern.RawText!.TrimStart('/'));
        }

        Assert.Empty(failures);
        Assert.Superset(new HashSet<string> { "t/{tenant}", "t/{tenant}/referrals", "t/{tenant}/referrals/{referralId:guid}", "t/{tenant}/notices" },
            reached.ToHashSet());
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync($"/t/{Tenant}/referrals/{world.B.Id}")).StatusCode);
        var returned = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals/{world.ReturnedA.Id}");
        Assert.Contains(ReturnReason, returned, StringComparison.Ordinal);
        Assert.Contains(world.A.PoliceReference, await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals"), StringComparison.Ordinal);
    }

    /// <summary>What <paramref name="body"/> shows that the police may not see: the provider's text, the victim, another force's references.</summary>
    private static IEnumerable<string> Leaks(string body, IEnumerable<string> forbidden) =>
        ProviderText.Concat(ReferralApi.VictimValues).Concat(forbidden).Where(value => body.Contains(value, StringComparison.Ordinal));

    /// <summary>
    /// Two referrals of each force (one booked after a cancelled booking, one returned), the provider's free text on each,
    /// and their notices delivered to the inbox; and a SPOC of force A, named so through the member API.
    /// </summary>
    private async Task<World> SeedAsync()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20), first.UserId, second.UserId);
        var (a, bookingA) = await BookedAsync(api, run, ForceA);
        var (b, _) = await BookedAsync(api, run, ForceB);
        var returnedA = await ReturnedAsync(api, ForceA);
        var returnedB = await ReturnedAsync(api, ForceB);
        await fixture.RelayEventsAsync(Tenant);
        var notices = await DeliverNoticesAsync();

        var spoc = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc);
        using var named = await ChangeAsync(await AdminAsync(), spoc, [TenantRole.ForceSpoc], [ForceA]);
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        return new World(spoc, a, b, returnedA, run, bookingA, notices[a.Id], notices[b.Id], [b.PoliceReference, returnedB.PoliceReference]);
    }

    private static async Task<(ReferralResponse Referral, BookingResponse Booking)> BookedAsync(HttpClient api, RunResponse run, string force)
    {
        var referral = await ReferralApi.CreateAsync(api, Tenant, ReferralApi.New(Tenant) with { ForceCode = force });
        referral = await ReferralApi.MoveAsync(api, Tenant, referral, "start-screening", new VersionRequest(referral.Version));
        var answers = ReferralApi.EligibleAnswers(Tenant) with { Dash = new DashDto(4, DashRisk.Standard, DashRisk.Medium, ScreeningNote) };
        referral = await ReferralApi.MoveAsync(api, Tenant, referral, "screening",
            new ScreeningDecisionRequest(answers, ScreeningDecision.Eligible, ScreeningReason, referral.Version));
        var cancelled = await WorkshopApi.BookAsync(api, Tenant, run, referral);
        await (await api.PostJson($"/api/v1/tenants/{Tenant}/bookings/{cancelled.Id}/cancel", new CancelRequest(CancelReason, cancelled.Version)))
            .ReadAs<BookingResponse>();
        return (referral, await WorkshopApi.BookAsync(api, Tenant, run, referral));
    }

    private static async Task<ReferralResponse> ReturnedAsync(HttpClient api, string force)
    {
        var referral = await ReferralApi.CreateAsync(api, Tenant, ReferralApi.New(Tenant) with { ForceCode = force });
        return await ReferralApi.MoveAsync(api, Tenant, referral, "return-uncontactable", new ReasonRequest(ReturnReason, referral.Version));
    }

    /// <summary>Puts every notice of the tenant in the inbox, as the dispatcher would; the latest notice of each referral by id.</summary>
    private async Task<Dictionary<Guid, Guid>> DeliverNoticesAsync()
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        foreach (var notice in await db.PoliceNotices.Where(n => n.InboxDeliveredAt == null).ToListAsync())
        {
            notice.InboxDeliveredAt = DateTimeOffset.UtcNow;
            notice.WebhookState = WebhookDeliveryState.NotConfigured;
        }

        await db.SaveChangesAsync();
        return (await db.PoliceNotices.AsNoTracking().ToListAsync())
            .GroupBy(n => n.ReferralId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.OccurredAt)!.Id);
    }

    private async Task<int> UnreadOfForceAsync(string force)
    {
        await using var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services);
        return await db.PoliceNotices.CountAsync(n => n.InboxDeliveredAt != null && n.ReadAt == null
            && db.Referrals.Any(r => r.Id == n.ReferralId && r.ForceCode == force));
    }

    /// <summary>
    /// A value for each route parameter: the referral and notice asked about, and the run and booking they belong to.
    /// The ids of what the police never reach (clients, members, invitations, venues, victim-contact cases) need not exist.
    /// </summary>
    private static Func<string, string> RouteValues(World world, Guid referralId, Guid noticeId) => name => name switch
    {
        "tenant" => Tenant,
        "referralId" => referralId.ToString(),
        "noticeId" => noticeId.ToString(),
        "runId" => world.Run.Id.ToString(),
        "bookingId" => world.BookingA.Id.ToString(),
        "workshop" => nameof(WorkshopNumber.Workshop1),
        "month" => "2026-10",
        "format" => "pdf",
        "policeReference" => "44/1/1",
        "months" => "6",
        "clientId" or "memberId" or "invitationId" or "venueId" or "caseId" or "releaseId" or "reviewId" or "actionId" => Guid.NewGuid().ToString(),
        _ => throw new Xunit.Sdk.XunitException($"Add an example value for {{{name}}} to {nameof(PoliceViewTests)}.{nameof(RouteValues)}."),
    };

    private IEnumerable<RouteEndpoint> TenantEndpoints(string prefix) =>
        fixture.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(prefix, StringComparison.Ordinal));

    private static string Method(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Single() ?? "GET";

    private async Task<HttpClient> AdminAsync() =>
        await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin)).Email);

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient admin, TestPerson member, TenantRole[] roles, string[]? forces)
    {
        var members = await (await admin.GetAsync($"/api/v1/tenants/{Tenant}/members")).ReadAs<List<MemberResponse>>();
        var version = members.Single(m => m.Id == member.MembershipId).Version;
        return await admin.PutAsync($"/api/v1/tenants/{Tenant}/members/{member.MembershipId}",
            JsonContent.Create(new UpdateMemberRequest(roles, version, forces), options: HttpExtensions.Json));
    }

    private static async Task<string> RefusedFieldAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Single().Key;
    }

    private static async Task<string> ReadAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string NewEmail() => $"police-view-{Guid.NewGuid():N}@example.org";

    private sealed record World(
        TestPerson SpocA, ReferralResponse A, ReferralResponse B, ReferralResponse ReturnedA, RunResponse Run, BookingResponse BookingA,
        Guid NoticeA, Guid NoticeB, IReadOnlyList<string> ForceBReferences);
}
