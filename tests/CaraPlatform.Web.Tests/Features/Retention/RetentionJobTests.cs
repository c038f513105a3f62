using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Retention;
using CaraPlatform.Web.Features.Retention;
using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Retention;

/// <summary>
/// The retention job on a moved clock, in tenants of these tests alone (it erases every closed case of its tenant):
/// closed cases go on the worklist at 2 years and are erased at 6 unless kept, whole, once, with one audit row and one
/// erasure-log row, and the national counts stay as they were.
/// </summary>
public sealed class RetentionJobTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly string AnonymiseTenant = PostgresFixture.RetentionTenants[0];

    private static readonly string DeleteTenant = PostgresFixture.RetentionTenants[1];

    [Fact]
    public async Task A_closed_case_past_its_date_is_anonymised_once_an_open_or_kept_one_is_not_and_the_counts_stay()
    {
        var police = await fixture.ApiClientAsync(AnonymiseTenant);
        var closed = await ClosedAsync(police, AnonymiseTenant);
        var kept = await ClosedAsync(police, AnonymiseTenant);
        var open = await CreateAsync(police, AnonymiseTenant);
        var officer = await TestPeople.MemberAsync(fixture, AnonymiseTenant, TenantRole.DataProtectionOfficer);
        var dpo = await fixture.PersonApiAsync(officer.Email);
        var (job, clock, only) = await JobAsync(AnonymiseTenant);
        var closedOn = UkCalendar.DateOf(DateTimeOffset.UtcNow);

        await job.RunOnceAsync(only);
        Assert.DoesNotContain((await CasesAsync(dpo, AnonymiseTenant)).Cases, c => c.ReferralId == closed.Id);

        // Two years on: both closed cases are listed for review, once however often the job runs; the open one never.
        clock.SetUtcNow(UkCalendar.At(closedOn.AddMonths(24), new TimeOnly(6, 0)));
        await job.RunOnceAsync(only);
        await job.RunOnceAsync(only);
        var cases = (await CasesAsync(dpo, AnonymiseTenant)).Cases;
        var listed = Assert.Single(cases, c => c.ReferralId == closed.Id);
        Assert.Equal((closedOn, closedOn.AddMonths(24), closedOn.AddMonths(72), RetentionDecision.Pending),
            (listed.ClosedOn, listed.ReviewDueOn, listed.EraseDueOn, listed.Decision));
        Assert.Single(cases, c => c.ReferralId == kept.Id);
        Assert.DoesNotContain(cases, c => c.ReferralId == open.Id);

        var version = cases.Single(c => c.ReferralId == kept.Id).Version;
        await (await dpo.PostJson($"{Api(AnonymiseTenant)}/cases/{kept.Id}/keep", new KeepCaseRequest(0, "", version)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        (await dpo.PostJson($"{Api(AnonymiseTenant)}/cases/{kept.Id}/keep", new KeepCaseRequest(12, "Complaint open with the ombudsman", version)))
            .EnsureSuccessStatusCode();
        // A second reviewer deciding on what they read before is refused, not applied over the first.
        await (await dpo.PostJson($"{Api(AnonymiseTenant)}/cases/{kept.Id}/agree", new AgreeToEraseRequest(version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        var keptAudit = Assert.Single(await AuditAsync(kept.Id, AuditActions.RetentionKept));
        Assert.Equal("Complaint open with the ombudsman", keptAudit.Reason);

        var counts = await CountsAsync(dpo, AnonymiseTenant);
        clock.SetUtcNow(UkCalendar.At(closedOn.AddMonths(72), new TimeOnly(6, 0)));
        await job.RunOnceAsync(only);

        var (referral, victim) = await RecordsAsync(AnonymiseTenant, closed.Id);
        Assert.NotNull(referral);
        Assert.Equal((Offender.Erased, (string?)null, ReferralStatus.Withdrawn), (referral.Offender.GivenName, referral.Offender.Phone, referral.Status));
        Assert.All(referral.Timeline, t => Assert.Null(t.Reason));
        Assert.Null(victim);
        Assert.Equal("Daniel", (await RecordsAsync(AnonymiseTenant, kept.Id)).Referral!.Offender.GivenName);
        Assert.Equal("Daniel", (await RecordsAsync(AnonymiseTenant, open.Id)).Referral!.Offender.GivenName);
        Assert.Equal(counts, await CountsAsync(dpo, AnonymiseTenant));

        var erased = Assert.Single(await AuditAsync(closed.Id, AuditActions.PersonalDataErased));
        Assert.Contains("victim record", erased.Detail, StringComparison.Ordinal);
        var log = Assert.Single((await ErasuresAsync(dpo, AnonymiseTenant)).Items, e => e.ReferralId == closed.Id);
        Assert.Equal((RetentionAction.Anonymise, "Anonymise 72 months after closure"), (log.Action, log.Rule));
        Assert.Contains("victim record", log.Categories);
        Assert.Contains("event payloads", log.Categories);
        await AssertEventsErasedAsync(AnonymiseTenant, closed, "Victim withdrew support; NFA");
        Assert.Contains((await EventsAsync(AnonymiseTenant, kept.Id)), e => e.Payload.Contains(kept.PoliceReference, StringComparison.Ordinal));
        Assert.DoesNotContain((await CasesAsync(dpo, AnonymiseTenant)).Cases, c => c.ReferralId == closed.Id);

        // Again the same day, and a year later for the kept case: nothing more for the erased one.
        await job.RunOnceAsync(only);
        clock.SetUtcNow(UkCalendar.At(closedOn.AddMonths(84), new TimeOnly(6, 0)));
        await job.RunOnceAsync(only);
        Assert.Single(await AuditAsync(closed.Id, AuditActions.PersonalDataErased));
        Assert.Single((await ErasuresAsync(dpo, AnonymiseTenant)).Items, e => e.ReferralId == closed.Id);
        Assert.Equal(Offender.Erased, (await RecordsAsync(AnonymiseTenant, kept.Id)).Referral!.Offender.GivenName);
        Assert.Equal("Daniel", (await RecordsAsync(AnonymiseTenant, open.Id)).Referral!.Offender.GivenName);
        Assert.Equal(counts, await CountsAsync(dpo, AnonymiseTenant));
    }

    [Fact]
    public async Task A_delete_schedule_removes_the_case_and_its_bookings_and_keeps_only_its_counts()
    {
        var police = await fixture.ApiClientAsync(DeleteTenant);
        var booked = await WorkshopApi.BookedRunAsync(fixture, DeleteTenant, UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(21));
        var referral = await (await police.GetAsync($"{Url(DeleteTenant)}/{booked.Referral.Id}")).ReadAs<ReferralResponse>();
        await MoveAsync(police, DeleteTenant, referral, "withdraw", new ReasonRequest("Fresh allegation; charged instead", referral.Version));
        var admin = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, DeleteTenant, TenantRole.ProviderAdmin)).Email);
        var (job, clock, only) = await JobAsync(DeleteTenant);
        var counts = await CountsAsync(admin, DeleteTenant);

        clock.SetUtcNow(UkCalendar.At(UkCalendar.DateOf(DateTimeOffset.UtcNow).AddMonths(72), new TimeOnly(6, 0)));
        await job.RunOnceAsync(only);
        await job.RunOnceAsync(only);

        Assert.Equal((null, null), await RecordsAsync(DeleteTenant, referral.Id));
        Assert.Empty(await fixture.ReadAsync(DeleteTenant, db => db.Bookings.Where(b => b.ReferralId == referral.Id).ToListAsync()));
        Assert.Empty(await fixture.ReadAsync(DeleteTenant, db => db.PoliceNotices.Where(n => n.ReferralId == referral.Id).ToListAsync()));
        Assert.Equal(counts, await CountsAsync(admin, DeleteTenant));
        Assert.Single(await AuditAsync(referral.Id, AuditActions.PersonalDataErased));
        var log = Assert.Single((await ErasuresAsync(admin, DeleteTenant)).Items, e => e.ReferralId == referral.Id);
        Assert.Equal(RetentionAction.Delete, log.Action);
        Assert.Contains("referral", log.Categories);
        await AssertEventsErasedAsync(DeleteTenant, referral, "Fresh allegation; charged instead");
    }

    [Fact]
    public async Task Two_instances_running_the_schedule_at_once_erase_each_case_once_and_keep_every_count()
    {
        var police = await fixture.ApiClientAsync(DeleteTenant);
        var closed = new List<ReferralResponse>();
        for (var i = 0; i < 6; i++) closed.Add(await ClosedAsync(police, DeleteTenant));
        var admin = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, DeleteTenant, TenantRole.ProviderAdmin)).Email);
        var (first, clock, only) = await JobAsync(DeleteTenant);
        var second = ActivatorUtilities.CreateInstance<RetentionJob>(fixture.Web.Services, (TimeProvider)clock);
        var counts = await CountsAsync(admin, DeleteTenant);

        clock.SetUtcNow(UkCalendar.At(UkCalendar.DateOf(DateTimeOffset.UtcNow).AddMonths(72), new TimeOnly(6, 0)));
        for (var round = 0; round < 2; round++)
            await Task.WhenAll(Task.Run(() => first.RunOnceAsync(only)), Task.Run(() => second.RunOnceAsync(only)));
        // Whichever instance held the tenant's lock did the work; the other's rounds found it taken.
        for (var round = 0; round < 2; round++) await first.RunOnceAsync(only);

        foreach (var referral in closed)
        {
            Assert.Equal((null, null), await RecordsAsync(DeleteTenant, referral.Id));
            Assert.Single(await AuditAsync(referral.Id, AuditActions.PersonalDataErased));
        }

        Assert.Equal(counts, await CountsAsync(admin, DeleteTenant));
    }

    private static string Api(string tenant) => $"/api/v1/tenants/{tenant}/retention";

    private static async Task<ReferralResponse> ClosedAsync(HttpClient police, string tenant)
    {
        var referral = await CreateAsync(police, tenant);
        return await MoveAsync(police, tenant, referral, "withdraw", new ReasonRequest("Victim withdrew support; NFA", referral.Version));
    }

    private async Task<(RetentionJob Job, FakeTimeProvider Clock, Func<CaraTenantInfo, bool> Only)> JobAsync(string tenant)
    {
        var info = await fixture.Database.TenantAsync(tenant);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (ActivatorUtilities.CreateInstance<RetentionJob>(fixture.Web.Services, (TimeProvider)clock), clock, t => t.TenantId == info.TenantId);
    }

    private static async Task<RetentionWorklistResponse> CasesAsync(HttpClient person, string tenant) =>
        await (await person.GetAsync($"{Api(tenant)}/cases")).ReadAs<RetentionWorklistResponse>();

    private static async Task<List<CaseCountResponse>> CountsAsync(HttpClient person, string tenant) =>
        await (await person.GetAsync($"{Api(tenant)}/counts")).ReadAs<List<CaseCountResponse>>();

    private static async Task<ErasurePageResponse> ErasuresAsync(HttpClient person, string tenant) =>
        await (await person.GetAsync($"{Api(tenant)}/erasures?limit=200")).ReadAs<ErasurePageResponse>();

    private Task<(Referral? Referral, VictimRecord? Victim)> RecordsAsync(string tenant, Guid referralId) =>
        fixture.ReadAsync(tenant, async db => (
            await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId),
            await db.VictimRecords.AsNoTracking().SingleOrDefaultAsync(v => v.ReferralId == referralId)));

    /// <summary>The erased case's events are all still there, each holding what happened and when but none of the case's values.</summary>
    private async Task AssertEventsErasedAsync(string tenant, ReferralResponse referral, string reason)
    {
        var events = await EventsAsync(tenant, referral.Id);
        Assert.NotEmpty(events);
        Assert.All(events, e =>
        {
            Assert.DoesNotContain(referral.PoliceReference, e.Payload, StringComparison.Ordinal);
            Assert.DoesNotContain(reason, e.Payload, StringComparison.Ordinal);
            Assert.Contains(e.Type, e.Payload, StringComparison.Ordinal);
            Assert.Null(e.Read());
        });
        Assert.Contains(events, e => e.Type == "referral.withdrawn" && e.Payload.Contains("Withdrawn", StringComparison.Ordinal));
    }

    private Task<List<TenantEvent>> EventsAsync(string tenant, Guid referralId) =>
        fixture.ReadAsync(tenant, db => db.TenantEvents.AsNoTracking().Where(e => e.AggregateId == referralId).ToListAsync());

    private async Task<List<AuditEvent>> AuditAsync(Guid referralId, string action)
    {
        await using var db = fixture.Database.SuperuserContext();
        var subject = $"referral:{referralId}";
        return await db.AuditEvents.AsNoTracking().Where(a => a.Subject == subject && a.Action == action).ToListAsync();
    }
}
