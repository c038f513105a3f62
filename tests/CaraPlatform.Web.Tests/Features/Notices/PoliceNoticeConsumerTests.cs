namespace CaraPlatform.Web.Tests.Features.Notices;

/// <summary>
/// Police notices as one consumer of the tenant event stream: one notice per event, whatever happens to a round. In a
/// tenant the dispatcher tests leave alone, so that the notices made here are nobody's surprise.
/// </summary>
public sealed class PoliceNoticeConsumerTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "west-midlands";

    [Fact]
    public async Task A_notice_takes_the_id_of_the_event_it_reports_and_only_what_the_police_may_hear_becomes_one()
    {
        var (referralId, noticeId, reference) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, new FakeTimeProvider(DateTimeOffset.UtcNow));

        Assert.Equal(await NoticeTests.EventIdAsync(fixture, Tenant, referralId, "referral.returned-ineligible"), noticeId);
        // Received and screening started are in the stream too; the police hear only of the return.
        var notice = Assert.Single(await fixture.NoticesAsync(Tenant, referralId));
        var payload = JsonDocument.Parse(notice.Payload).RootElement;
        Assert.Equal(noticeId, payload.GetProperty("eventId").GetGuid());
        Assert.Equal(reference, payload.GetProperty("referral").GetProperty("policeReference").GetString());
    }

    [Fact]
    public async Task A_round_that_dies_after_writing_its_notices_but_before_moving_its_cursor_leaves_each_notice_made_once()
    {
        var (referralId, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var eventId = await NoticeTests.EventIdAsync(fixture, Tenant, referralId, "referral.returned-ineligible");
        var dying = new DiesAfterWriting(new PoliceNoticeConsumer(), eventId);

        var run = await fixture.Relay(dying).RunOnceAsync(Tenant);
        Assert.True(dying.Wrote, "the notice was written in the round");
        Assert.Equal(["police-notices"], Assert.Single(run.Results).Result.FailedConsumers);
        Assert.Empty(await fixture.ReadAsync(Tenant, db => db.PoliceNotices.Where(n => n.ReferralId == referralId).ToListAsync()));

        // The next rounds (the platform's relay, after a restart) make it, once.
        await fixture.RelayEventsAsync(Tenant);
        await fixture.RelayEventsAsync(Tenant);
        Assert.Equal(eventId, Assert.Single(await fixture.NoticesAsync(Tenant, referralId)).Id);
    }

    [Fact]
    public async Task Events_applied_again_after_the_cursor_is_set_back_make_no_second_notice()
    {
        var (referralId, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, new FakeTimeProvider(DateTimeOffset.UtcNow));
        var before = await fixture.ReadAsync(Tenant, db => db.PoliceNotices.CountAsync());

        // As if the notices had committed and the cursor's move had not: the whole stream comes again.
        await fixture.ReadAsync(Tenant, db => db.Database.ExecuteSqlAsync(
            $"UPDATE tenant_event_cursors SET last_transaction_id = '0', last_event_id = {Guid.Empty} WHERE tenant_id = {db.CurrentTenantId} AND consumer = 'police-notices'"));
        await fixture.RelayEventsAsync(Tenant);

        Assert.Equal(before, await fixture.ReadAsync(Tenant, db => db.PoliceNotices.CountAsync()));
        Assert.Equal(noticeId, Assert.Single(await fixture.NoticesAsync(Tenant, referralId)).Id);
    }

    /// <summary>The notice consumer, with the process dying after its notices are written but before the relay moves its cursor.</summary>
    private sealed class DiesAfterWriting(ITenantEventConsumer inner, Guid watched) : ITenantEventConsumer
    {
        public bool Wrote { get; private set; }

        public string Name => inner.Name;

        public async Task HandleAsync(CaraTenantInfo tenant, IReadOnlyList<TenantEvent> events, CaraDbContext db, CancellationToken cancellationToken)
        {
            await inner.HandleAsync(tenant, events, db, cancellationToken);
            Wrote |= await db.PoliceNotices.AnyAsync(n => n.Id == watched, cancellationToken);
            throw new InvalidOperationException("The process died here.");
        }
    }
}
