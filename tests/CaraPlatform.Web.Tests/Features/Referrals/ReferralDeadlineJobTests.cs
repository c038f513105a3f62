using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

public sealed class ReferralDeadlineJobTests(CaraPlatformFixture fixture) : IntegrationTest
{
    // A tenant of its own: the job moves its clock far ahead, which must not touch other tests' referrals.
    private const string Tenant = "cambridgeshire";

    [Fact]
    public async Task With_a_fake_clock_the_job_raises_at_risk_and_overdue_notices_exactly_once_each()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var referral = await CreateAsync(client, Tenant);
        var another = await CreateAsync(client, Tenant);
        var deadline = referral.Deadlines.ConditionDeadline;
        var tenant = await fixture.Database.TenantAsync(Tenant);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var job = ActivatorUtilities.CreateInstance<ReferralDeadlineJob>(fixture.Web.Services, (TimeProvider)clock);

        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        Assert.Empty(await fixture.NoticesAsync(Tenant, referral.Id));

        // 30 days before the deadline: less than the minimum gap plus a week to fit both workshops.
        clock.SetUtcNow(UkCalendar.At(deadline.AddDays(-30), new TimeOnly(9, 0)));
        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        Assert.Equal([PoliceNoticeType.DeadlineAtRisk], (await fixture.NoticesAsync(Tenant, referral.Id)).Select(n => n.Type));

        clock.SetUtcNow(UkCalendar.At(deadline.AddDays(1), new TimeOnly(0, 30)));
        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        var notices = await fixture.NoticesAsync(Tenant, referral.Id);
        Assert.Equal([PoliceNoticeType.DeadlineAtRisk, PoliceNoticeType.Overdue], notices.Select(n => n.Type));
        Assert.Contains("\"type\":\"referral.overdue\"", notices[1].Payload.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);

        var list = await (await client.GetAsync($"{Url(Tenant)}?policeReference={Uri.EscapeDataString(referral.PoliceReference)}")).ReadAs<ReferralPage>();
        Assert.True(Assert.Single(list.Items).Overdue);
        Assert.Equal(2, (await fixture.NoticesAsync(Tenant, another.Id)).Count);
    }

    [Fact]
    public async Task The_deadline_is_the_caution_date_plus_the_tenants_completion_window_on_the_uk_calendar()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var request = New(Tenant);
        var referral = await CreateAsync(client, Tenant, request);
        Assert.Equal(request.DisposalDate!.Value.AddDays(7 * fixture.Database.Definitions.Single(d => d.Slug == Tenant).Condition.CompletionWeeks),
            referral.Deadlines.ConditionDeadline);
    }

}
