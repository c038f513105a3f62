namespace CaraPlatform.Web.Tests.Features.Notices;

/// <summary>The outbox to the webhook, against a real receiver on 127.0.0.1. Dorset's webhook is pointed at it.</summary>
public sealed class NoticeDispatcherTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "dorset";

    private static readonly NoticeDispatchOptions Defaults = new();

    [Fact]
    public async Task A_notice_reaches_the_inbox_and_the_receiver_signed_with_the_tenant_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        var delivery = Assert.Single(receiver.For(noticeId));
        var notice = await NoticeTests.NoticeAsync(fixture, Tenant, noticeId);
        Assert.Equal(notice.Payload, delivery.Body);
        Assert.Equal("application/json", delivery.ContentType);
        Assert.Equal("referral.returned-ineligible", delivery.EventType);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), delivery.Timestamp);
        // The receiver's check, done by hand: v1=hex(HMAC-SHA256(secret, "{timestamp}.{body}")).
        var expected = "v1=" + Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(NoticeTests.Secret), System.Text.Encoding.UTF8.GetBytes($"{delivery.Timestamp}.{delivery.Body}")));
        Assert.Equal(expected, delivery.Signature);
        Assert.True(WebhookSignature.Verify(NoticeTests.Secret, delivery.Signature, delivery.Timestamp, delivery.Body, clock.GetUtcNow()));
        Assert.False(WebhookSignature.Verify("another-secret", delivery.Signature, delivery.Timestamp, delivery.Body, clock.GetUtcNow()));

        Assert.Equal(WebhookDeliveryState.Delivered, notice.WebhookState);
        Assert.NotNull(notice.InboxDeliveredAt);
        Assert.Null(notice.LeasedUntil);
        var attempt = Assert.Single(await NoticeTests.AttemptsAsync(fixture, Tenant, noticeId));
        Assert.True(attempt.Succeeded);
        Assert.Equal(200, attempt.StatusCode);
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_backoff_until_it_answers_2xx()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        var dispatcher = NoticeTests.Dispatcher(fixture, clock, options: Defaults);
        receiver.FailNext(3);

        await dispatcher.RunOnceAsync();
        for (var failures = 1; failures <= 3; failures++)
        {
            Assert.Equal(failures, receiver.For(noticeId).Count);
            var notice = await NoticeTests.NoticeAsync(fixture, Tenant, noticeId);
            Assert.Equal(WebhookDeliveryState.Pending, notice.WebhookState);
            Assert.Equal(clock.GetUtcNow() + Defaults.BackoffAfter(failures), notice.NextAttemptAt!.Value, TimeSpan.FromMilliseconds(1));

            // Not before the backoff is over...
            clock.Advance(Defaults.BackoffAfter(failures) - TimeSpan.FromSeconds(1));
            await dispatcher.RunOnceAsync();
            Assert.Equal(failures, receiver.For(noticeId).Count);
            // ...and then at once.
            clock.Advance(TimeSpan.FromSeconds(1));
            await dispatcher.RunOnceAsync();
        }

        Assert.Equal([500, 500, 500, 200], receiver.For(noticeId).Select(r => r.AnsweredWith));
        Assert.Single(receiver.For(noticeId).Select(r => r.Body).Distinct());
        Assert.Equal(WebhookDeliveryState.Delivered, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);
        var log = await NoticeTests.AttemptsAsync(fixture, Tenant, noticeId);
        Assert.Equal([1, 2, 3, 4], log.Select(a => a.Attempt));
        Assert.Equal([500, 500, 500, 200], log.Select(a => a.StatusCode ?? 0));
        Assert.Equal([false, false, false, true], log.Select(a => a.Succeeded));
        Assert.All(log.Take(3), a => Assert.Contains("500", a.Error!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task After_the_last_attempt_a_notice_is_Failed_and_a_replay_sends_the_same_event_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        var options = new NoticeDispatchOptions { MaxAttempts = 2 };
        var dispatcher = NoticeTests.Dispatcher(fixture, clock, options: options);
        receiver.FailNext(2, 503);

        await dispatcher.RunOnceAsync();
        clock.Advance(options.BackoffCap);
        await dispatcher.RunOnceAsync();
        Assert.Equal(WebhookDeliveryState.Failed, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);
        clock.Advance(options.BackoffCap);
        await dispatcher.RunOnceAsync();
        Assert.Equal(2, receiver.For(noticeId).Count);

        var admin = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, Domain.Access.TenantRole.ProviderAdmin)).Email);
        var replay = await admin.PostAsync($"/api/v1/tenants/{Tenant}/notices/{noticeId}/replay", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, replay.StatusCode);
        await (await admin.PostAsync($"/api/v1/tenants/{Tenant}/notices/{noticeId}/replay", null)).ProblemAsync(System.Net.HttpStatusCode.Conflict);
        await dispatcher.RunOnceAsync();

        var deliveries = receiver.For(noticeId);
        Assert.Equal(3, deliveries.Count);
        Assert.Equal(200, deliveries[^1].AnsweredWith);
        Assert.Single(deliveries.Select(d => d.Body).Distinct());
        var notice = await NoticeTests.NoticeAsync(fixture, Tenant, noticeId);
        Assert.Equal(WebhookDeliveryState.Delivered, notice.WebhookState);
        Assert.Equal(1, notice.WebhookAttempts);
        Assert.Equal([1, 2, 3], (await NoticeTests.AttemptsAsync(fixture, Tenant, noticeId)).Select(a => a.Attempt));
    }

    [Fact]
    public async Task A_dispatcher_that_dies_after_claiming_loses_nothing_and_the_next_one_delivers_exactly_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var noticeId = await OwnNoticeAsync(clock);

        // Committed, claimed, then the process "dies" on its way to the receiver.
        using var dying = new CancellationTokenSource();
        var handler = new DyingHandler(dying);
        await RoundDiesAsync(clock, handler, dying);
        Assert.Equal(1, handler.Calls);
        Assert.Empty(receiver.For(noticeId));
        var claimed = await NoticeTests.NoticeAsync(fixture, Tenant, noticeId);
        Assert.Equal(WebhookDeliveryState.Pending, claimed.WebhookState);
        Assert.NotNull(claimed.LeasedUntil);
        Assert.Empty(await NoticeTests.AttemptsAsync(fixture, Tenant, noticeId));

        // A fresh instance leaves it alone while the lease holds...
        var fresh = NoticeTests.Dispatcher(fixture, clock, options: Defaults);
        await fresh.RunOnceAsync();
        Assert.Empty(receiver.For(noticeId));

        // ...and delivers it once the lease runs out, once.
        clock.Advance(Defaults.Lease + TimeSpan.FromSeconds(1));
        await fresh.RunOnceAsync();
        await fresh.RunOnceAsync();
        var delivery = Assert.Single(receiver.For(noticeId));
        Assert.Equal(claimed.Payload, delivery.Body);
        Assert.Equal(WebhookDeliveryState.Delivered, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);
        Assert.Single(await NoticeTests.AttemptsAsync(fixture, Tenant, noticeId));
    }

    [Fact]
    public async Task A_dispatcher_that_dies_after_sending_but_before_marking_sends_the_same_event_again()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var noticeId = await OwnNoticeAsync(clock);

        using var dying = new CancellationTokenSource();
        using var handler = new DiesAfterSending(dying);
        await RoundDiesAsync(clock, handler, dying);
        Assert.Single(receiver.For(noticeId));
        Assert.Equal(WebhookDeliveryState.Pending, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);

        clock.Advance(Defaults.Lease + TimeSpan.FromSeconds(1));
        await NoticeTests.Dispatcher(fixture, clock, options: Defaults).RunOnceAsync();

        var deliveries = receiver.For(noticeId);
        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Select(d => (d.EventId, d.Body)).Distinct());
        Assert.Equal(WebhookDeliveryState.Delivered, (await NoticeTests.NoticeAsync(fixture, Tenant, noticeId)).WebhookState);
    }

    [Fact]
    public async Task From_event_to_webhook_a_dispatcher_killed_between_sending_and_recording_leaves_one_inbox_notice_and_one_event_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await FlushOtherNoticesAsync(clock);
        var (referralId, _) = await NoticeTests.SavedReferralAsync(fixture, Tenant, clock);
        var eventId = await NoticeTests.EventIdAsync(fixture, Tenant, referralId, "referral.returned-ineligible");

        // The relay's round makes the notice from the event; the dispatcher posts it and dies before recording the answer.
        await fixture.RelayEventsAsync(Tenant);
        using var dying = new CancellationTokenSource();
        using var handler = new DiesAfterSending(dying);
        await RoundDiesAsync(clock, handler, dying);

        // Restarted: the relay runs again, and a fresh dispatcher takes the notice up once the dead one's lease is over.
        await fixture.RelayEventsAsync(Tenant);
        clock.Advance(Defaults.Lease + TimeSpan.FromSeconds(1));
        await NoticeTests.Dispatcher(fixture, clock, options: Defaults).RunOnceAsync();
        await NoticeTests.Dispatcher(fixture, clock, options: Defaults).RunOnceAsync();

        var deliveries = receiver.For(eventId);
        Assert.Equal(2, deliveries.Count);
        Assert.Single(deliveries.Select(d => d.Body).Distinct());
        Assert.All(deliveries, d => Assert.Equal(eventId, System.Text.Json.JsonDocument.Parse(d.Body).RootElement.GetProperty("eventId").GetGuid()));
        Assert.DoesNotContain(receiver.Received, r => r.EventId != eventId.ToString("D") && r.Body.Contains(referralId.ToString(), StringComparison.Ordinal));
        var spoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, Domain.Access.TenantRole.ForceSpoc)).Email);
        var inbox = await (await spoc.GetAsync($"/api/v1/tenants/{Tenant}/notices?limit=100")).ReadAs<NoticePageResponse>();
        Assert.Equal(eventId, Assert.Single(inbox.Items, n => n.ReferralId == referralId).Id);
        Assert.Equal(WebhookDeliveryState.Delivered, (await NoticeTests.NoticeAsync(fixture, Tenant, eventId)).WebhookState);
    }

    [Fact]
    public async Task The_background_service_delivers_on_its_own_and_stops_cleanly()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, TimeProvider.System);
        var dispatcher = NoticeTests.Dispatcher(fixture, TimeProvider.System, options: new NoticeDispatchOptions { PollInterval = TimeSpan.FromMilliseconds(100) });

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(15);
            while (receiver.For(noticeId).Count == 0 && DateTime.UtcNow < deadline) await Task.Delay(50);
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }

        Assert.Single(receiver.For(noticeId));
    }

    /// <summary>Sends for real, then "dies" before the dispatcher can record the answer.</summary>
    private sealed class DiesAfterSending(CancellationTokenSource round) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            using var response = await base.SendAsync(request, cancellationToken);
            await round.CancelAsync();
            throw new OperationCanceledException(round.Token);
        }
    }

    [Fact]
    public async Task Two_dispatchers_running_at_once_deliver_each_notice_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ids = new List<Guid>();
        for (var i = 0; i < 12; i++) ids.Add((await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock)).NoticeId);
        var options = new NoticeDispatchOptions { BatchSize = 3 };
        var first = NoticeTests.Dispatcher(fixture, clock, options: options);
        var second = NoticeTests.Dispatcher(fixture, clock, options: options);

        // Small batches, so the two claim side by side over several rounds (other tests' notices may take some claims).
        for (var round = 0; round < 50 && ids.Any(id => receiver.For(id).Count == 0); round++)
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync()), Task.Run(() => second.RunOnceAsync()));

        Assert.All(ids, id => Assert.Single(receiver.For(id)));
    }

    [Fact]
    public async Task Without_an_enabled_webhook_a_notice_goes_to_the_inbox_only()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, "norfolk", receiver.Url, enabled: false);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, "norfolk", clock);

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        var notice = await NoticeTests.NoticeAsync(fixture, "norfolk", noticeId);
        Assert.Equal(WebhookDeliveryState.NotConfigured, notice.WebhookState);
        Assert.NotNull(notice.InboxDeliveredAt);
        Assert.Empty(receiver.For(noticeId));
        Assert.Empty(await NoticeTests.AttemptsAsync(fixture, "norfolk", noticeId));
    }

    [Fact]
    public async Task Plain_http_to_a_host_other_than_loopback_is_refused_without_sending()
    {
        await using var webhook = await NoticeTests.WebhookAsync(fixture, "norfolk", new Uri("http://hooks.norfolk.example.org/cara"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, "norfolk", clock);

        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();

        Assert.Equal(WebhookDeliveryState.Failed, (await NoticeTests.NoticeAsync(fixture, "norfolk", noticeId)).WebhookState);
        var attempt = Assert.Single(await NoticeTests.AttemptsAsync(fixture, "norfolk", noticeId));
        Assert.Null(attempt.StatusCode);
        Assert.Contains("https", attempt.Error!, StringComparison.Ordinal);
    }

    private Task FlushOtherNoticesAsync(TimeProvider clock) => NoticeTests.FlushAsync(fixture, Tenant, clock);

    /// <summary>A returned referral's notice, made once every notice other tests left is delivered, so that what the test does next (a "crash") hits this one.</summary>
    private async Task<Guid> OwnNoticeAsync(FakeTimeProvider clock)
    {
        await FlushOtherNoticesAsync(clock);
        return (await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock)).NoticeId;
    }

    /// <summary>A dispatcher round whose process "dies" in <paramref name="handler"/>, which cancels <paramref name="dying"/>.</summary>
    private async Task RoundDiesAsync(FakeTimeProvider clock, HttpMessageHandler handler, CancellationTokenSource dying) =>
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => NoticeTests.Dispatcher(fixture, clock, handler, Defaults).RunOnceAsync(dying.Token));

    [Theory]
    [InlineData("https://hooks.example.org/cara", true)]
    [InlineData("http://127.0.0.1:5000/hook", true)]
    [InlineData("http://localhost:5000/hook", true)]
    [InlineData("http://[::1]:5000/hook", true)]
    [InlineData("http://hooks.example.org/cara", false)]
    [InlineData("http://10.0.0.5/cara", false)]
    [InlineData("ftp://127.0.0.1/cara", false)]
    public void Only_https_or_loopback_http_receivers_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, Domain.Tenants.WebhookSettings.IsAllowedReceiver(new Uri(url)));
}
