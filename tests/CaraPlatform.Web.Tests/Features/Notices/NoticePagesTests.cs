namespace CaraPlatform.Web.Tests.Features.Notices;

public sealed partial class NoticePagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "norfolk";

    [Fact]
    public async Task The_SPOC_sees_the_unread_badge_and_marks_a_notice_read_on_the_inbox_page()
    {
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, null);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (_, noticeId, reference) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        await NoticeTests.Dispatcher(fixture, clock).RunOnceAsync();
        var spoc = await SignedInAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc)).Email);

        var home = await spoc.GetStringAsync($"/t/{Tenant}");
        var unread = int.Parse(Badge().Match(home).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread >= 1);

        var inbox = await spoc.GetStringAsync($"/t/{Tenant}/notices?unread=true");
        Assert.Contains(reference, inbox, StringComparison.Ordinal);
        Assert.Contains("Evidence of coercive or controlling behaviour in the file.", inbox, StringComparison.Ordinal);

        using var marked = await spoc.PostAsync($"/t/{Tenant}/notices?handler=Read", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["noticeId"] = noticeId.ToString(),
            ["unread"] = "true",
            ["__RequestVerificationToken"] = UserTokens.AntiforgeryToken(inbox),
        }));
        Assert.Equal(HttpStatusCode.Redirect, marked.StatusCode);
        var after = await spoc.GetStringAsync(marked.Headers.Location!.ToString());
        Assert.DoesNotContain(reference, after, StringComparison.Ordinal);
        var badge = Badge().Match(after);
        Assert.Equal(unread - 1, badge.Success ? int.Parse(badge.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);

        // Without the antiforgery token the form is refused.
        using var forged = await spoc.PostAsync($"/t/{Tenant}/notices?handler=Read", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["noticeId"] = noticeId.ToString(),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_reads_the_inbox_but_cannot_mark_notices_read()
    {
        var coordinator = await SignedInAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator)).Email);
        var page = await coordinator.GetStringAsync($"/t/{Tenant}/notices");
        Assert.DoesNotContain("Mark read", page, StringComparison.Ordinal);
        var facilitator = await SignedInAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator)).Email);
        using var denied = await facilitator.GetAsync($"/t/{Tenant}/notices");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/access-denied", denied.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
        Assert.DoesNotContain("nav-notices", await facilitator.GetStringAsync($"/t/{Tenant}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_webhook_page_shows_the_settings_and_log_and_replays_a_failed_notice()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var webhook = await NoticeTests.WebhookAsync(fixture, Tenant, receiver.Url);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await NoticeTests.FlushAsync(fixture, Tenant, clock); // so that the failing answer is our notice's
        var (_, noticeId, _) = await NoticeTests.ReturnedReferralAsync(fixture, Tenant, clock);
        receiver.FailNext(1, 502);
        var dispatcher = NoticeTests.Dispatcher(fixture, clock, options: new Web.Features.Notices.NoticeDispatchOptions { MaxAttempts = 1 });
        await dispatcher.RunOnceAsync();
        var admin = await SignedInAsync((await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin)).Email);

        // The tenant store caches tenant files for a while, so the page may still show the earlier settings; the log is live.
        var page = await admin.GetStringAsync($"/t/{Tenant}/admin/webhooks?state=Failed");
        Assert.Contains(noticeId.ToString(), page, StringComparison.Ordinal);
        Assert.Contains("502", page, StringComparison.Ordinal);

        using var replayed = await admin.PostAsync($"/t/{Tenant}/admin/webhooks?handler=Replay", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["noticeId"] = noticeId.ToString(),
            ["__RequestVerificationToken"] = UserTokens.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Contains("same event id", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await dispatcher.RunOnceAsync();
        Assert.Equal([502, 200], receiver.For(noticeId).Select(r => r.AnsweredWith));
    }

    private Task<HttpClient> SignedInAsync(string email) => UserTokens.SignedInBrowserAsync(fixture.Web, email);

    [GeneratedRegex("id=\"nav-notices-count\" class=\"moj-notification-badge\">(\\d+)<")]
    private static partial Regex Badge();
}
