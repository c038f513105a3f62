using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Tests.Features.Notices;

public sealed class NoticeApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "norfolk";

    [Fact]
    public async Task The_SPOC_inbox_lists_delivered_notices_newest_first_and_the_unread_count_drops_after_reading()
    {
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (referralId, older, reference) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        clock.Advance(TimeSpan.FromMinutes(1));
        var (_, newer, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock,
            (r, c) => r.ReturnUncontactable("Three calls and a letter, no answer.", ReferralBuilder.Coordinator, c));
        var spoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc)).Email);
        var inbox = $"/api/v1/tenants/{Tenant}/notices";

        // Nothing is in the inbox before the dispatcher puts it there.
        Assert.DoesNotContain((await (await spoc.GetAsync(inbox + "?limit=100")).ReadAs<NoticePageResponse>()).Items, n => n.Id == older || n.Id == newer);
        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        var before = await (await spoc.GetAsync(inbox + "?unread=true&limit=100")).ReadAs<NoticePageResponse>();
        var mine = before.Items.Where(n => n.Id == older || n.Id == newer).ToList();
        Assert.Equal([newer, older], mine.Select(n => n.Id));
        var returned = mine[1];
        Assert.Equal("referral.returned-ineligible", returned.Type);
        Assert.Equal(PoliceNoticeType.ReturnedIneligible.Title(), returned.Title);
        Assert.Equal(referralId, returned.ReferralId);
        Assert.Equal(reference, returned.PoliceReference);
        Assert.Equal("Evidence of coercive or controlling behaviour in the file.", returned.Reason);
        Assert.False(returned.Read);
        Assert.Equal("referral.returned-uncontactable", mine[0].Type);

        Assert.Equal(HttpStatusCode.NoContent, (await spoc.PostAsync($"{inbox}/{older}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await spoc.PostAsync($"{inbox}/{older}/read", null)).StatusCode); // idempotent
        var after = await (await spoc.GetAsync(inbox + "?limit=100")).ReadAs<NoticePageResponse>();
        Assert.Equal(before.UnreadCount - 1, after.UnreadCount);
        Assert.True(after.Items.Single(n => n.Id == older).Read);
        Assert.DoesNotContain((await (await spoc.GetAsync(inbox + "?unread=true&limit=100")).ReadAs<NoticePageResponse>()).Items, n => n.Id == older);

        await (await spoc.PostAsync($"{inbox}/{Guid.NewGuid()}/read", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_inbox_pages_with_a_cursor_and_refuses_a_bad_limit_or_cursor()
    {
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        for (var i = 0; i < 3; i++)
        {
            await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();
        var spoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc)).Email);
        var inbox = $"/api/v1/tenants/{Tenant}/notices";
        var all = await (await spoc.GetAsync(inbox + "?limit=100")).ReadAs<NoticePageResponse>();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await (await spoc.GetAsync(inbox + "?limit=2" + (cursor is null ? "" : "&cursor=" + cursor))).ReadAs<NoticePageResponse>();
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(n => n.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < all.Items.Count + 2);

        Assert.Equal(all.Items.Select(n => n.Id), seen);
        Assert.Equal(all.Items.OrderByDescending(n => n.OccurredAt).Select(n => n.OccurredAt), all.Items.Select(n => n.OccurredAt));
        Assert.Contains("limit", (await (await spoc.GetAsync(inbox + "?limit=101")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("cursor", (await (await spoc.GetAsync(inbox + "?cursor=not-a-cursor")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
        Assert.Contains("cursor", (await (await spoc.GetAsync(inbox + "?cursor=%00")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
    }

    [Fact]
    public async Task A_ProviderAdmin_reads_the_delivery_log_filters_by_state_and_replays_audited()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        var dispatcher = NoticeTests.Dispatcher(fixture, clock);
        await dispatcher.RunOnceAsync();
        var adminPerson = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        var admin = await fixture.PersonApiAsync(adminPerson.Email);
        var log = $"/api/v1/tenants/{Tenant}/webhook/deliveries";

        var delivered = await (await admin.GetAsync(log + "?state=Delivered&limit=100")).ReadAs<DeliveryPageResponse>();
        var item = delivered.Items.Single(d => d.NoticeId == noticeId);
        Assert.Equal(WebhookDeliveryState.Delivered, item.State);
        var attempt = Assert.Single(item.Log);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Equal(receiver.Url.ToString(), attempt.Url);
        Assert.All(delivered.Items, d => Assert.Equal(WebhookDeliveryState.Delivered, d.State));
        Assert.DoesNotContain((await (await admin.GetAsync(log + "?state=Failed&limit=100")).ReadAs<DeliveryPageResponse>()).Items, d => d.NoticeId == noticeId);

        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync($"/api/v1/tenants/{Tenant}/notices/{noticeId}/replay", null)).StatusCode);
        await dispatcher.RunOnceAsync();
        var deliveries = receiver.For(noticeId);
        Assert.Equal(2, deliveries.Count);
        Assert.Equal(deliveries[0].EventId, deliveries[1].EventId);
        Assert.Equal(deliveries[0].Body, deliveries[1].Body);
        var replayed = (await (await admin.GetAsync(log + "?limit=100")).ReadAs<DeliveryPageResponse>()).Items.Single(d => d.NoticeId == noticeId);
        Assert.Equal([1, 2], replayed.Log.Select(a => a.Attempt));

        await using var owner = fixture.Database.SuperuserContext();
        var audit = await owner.AuditEvents.Where(e => e.Action == AuditActions.WebhookReplayed && e.ActorUserId == adminPerson.UserId).ToListAsync();
        Assert.Contains(audit, e => e.Subject!.Contains(noticeId.ToString(), StringComparison.Ordinal));

        await (await admin.PostAsync($"/api/v1/tenants/{Tenant}/notices/{Guid.NewGuid()}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_ProviderAdmin_of_another_tenant_cannot_see_the_deliveries_or_replay()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        var otherAdmin = await fixture.PersonApiAsync("admin@hampshire.demo");

        await (await otherAdmin.GetAsync($"/api/v1/tenants/{Tenant}/webhook/deliveries")).ProblemAsync(HttpStatusCode.NotFound);
        await (await otherAdmin.PostAsync($"/api/v1/tenants/{Tenant}/notices/{noticeId}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
        // Its own tenant's log is not a way in either: the notice belongs to another tenant.
        await (await otherAdmin.PostAsync($"/api/v1/tenants/hampshire/notices/{noticeId}/replay", null)).ProblemAsync(HttpStatusCode.NotFound);
        var own = await (await otherAdmin.GetAsync("/api/v1/tenants/hampshire/webhook/deliveries?limit=100")).ReadAs<DeliveryPageResponse>();
        Assert.DoesNotContain(own.Items, d => d.NoticeId == noticeId);
    }

    [Fact]
    public async Task An_integration_client_with_referrals_read_reads_the_inbox()
    {
        var client = await fixture.ApiClientAsync(Tenant, ApiScopes.ReferralsRead);
        var page = await (await client.GetAsync($"/api/v1/tenants/{Tenant}/notices")).ReadAs<NoticePageResponse>();
        Assert.True(page.UnreadCount >= 0);
        var venuesOnly = await fixture.ApiClientAsync(Tenant, ApiScopes.VenuesRead);
        Assert.Equal(HttpStatusCode.Forbidden, (await venuesOnly.GetAsync($"/api/v1/tenants/{Tenant}/notices")).StatusCode);
    }
}
