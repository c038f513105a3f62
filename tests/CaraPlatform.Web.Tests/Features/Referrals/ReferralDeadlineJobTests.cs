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

    [Fact]
    public async Task A_referral_changed_while_its_batch_is_checked_keeps_its_change_and_holds_back_no_one_elses_notice()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var first = await CreateAsync(client, Tenant);
        var changed = await CreateAsync(client, Tenant);
        var last = await CreateAsync(client, Tenant);
        var tenant = await fixture.Database.TenantAsync(Tenant);
        var job = Job(new FakeTimeProvider(UkCalendar.At(changed.Deadlines.ConditionDeadline.AddDays(-30), new TimeOnly(9, 0))));
        List<Guid>? batchOfChanged = null;
        job.BeforeBatchSave = async (batch, _) =>
        {
            if (batchOfChanged is not null || batch.All(r => r.Id != changed.Id)) return;
            batchOfChanged = [.. batch.Select(r => r.Id)];
            // A coordinator records first contact after the job loaded the batch and before it saves it.
            await MoveAsync(client, Tenant, changed, "first-contact", new VersionRequest(changed.Version));
        };

        var run = await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);

        Assert.Empty(run.Failures);
        Assert.NotNull(batchOfChanged);
        Assert.Contains(first.Id, batchOfChanged);
        Assert.Contains(last.Id, batchOfChanged);
        foreach (var referral in new[] { first, changed, last })
            Assert.Equal([PoliceNoticeType.DeadlineAtRisk], (await fixture.NoticesAsync(Tenant, referral.Id)).Select(n => n.Type));
        // The batch's save did not write over the change made meanwhile; the changed referral was judged again as it now is.
        var stored = await fixture.ReadAsync(Tenant, db => db.Referrals.AsNoTracking().SingleAsync(r => r.Id == changed.Id));
        Assert.NotNull(stored.FirstContactAt);
        Assert.NotNull(stored.AtRiskNoticeAt);

        job.BeforeBatchSave = null;
        await job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);
        Assert.Single(await fixture.NoticesAsync(Tenant, changed.Id));
    }

    [Fact]
    public async Task Referrals_beyond_one_batch_are_all_checked_and_once_told_are_not_loaded_again()
    {
        var client = await fixture.ApiClientAsync(Tenant);
        var referrals = new List<ReferralResponse>();
        for (var i = 0; i < 5; i++) referrals.Add(await CreateAsync(client, Tenant));
        var tenant = await fixture.Database.TenantAsync(Tenant);
        var job = Job(new FakeTimeProvider(UkCalendar.At(referrals[0].Deadlines.ConditionDeadline.AddDays(-30), new TimeOnly(9, 0))), batchSize: 2);
        var batches = new List<List<Guid>>();
        job.BeforeBatchSave = (batch, _) =>
        {
            batches.Add([.. batch.Select(r => r.Id)]);
            return Task.CompletedTask;
        };

        var run = await job.RunRoundAsync(default, t => t.TenantId == tenant.TenantId);

        Assert.Empty(run.Failures);
        Assert.True(batches.Count >= 3, $"{batches.Count} batches");
        Assert.All(batches, b => Assert.InRange(b.Count, 1, 2));
        var examined = batches.SelectMany(b => b).ToList();
        Assert.Equal(examined.Count, examined.Distinct().Count());
        Assert.Equal(examined.Count, Assert.Single(run.Results).Result.Examined);
        Assert.True(run.Results[0].Result.NoticesRaised >= referrals.Count);
        foreach (var referral in referrals)
        {
            Assert.Contains(referral.Id, examined);
            Assert.Equal([PoliceNoticeType.DeadlineAtRisk], (await fixture.NoticesAsync(Tenant, referral.Id)).Select(n => n.Type));
        }

        // Flagged and told, they have nothing more to hear until the deadline passes: the database no longer offers them.
        batches.Clear();
        await job.RunRoundAsync(default, t => t.TenantId == tenant.TenantId);
        var mine = referrals.Select(r => r.Id).ToHashSet();
        Assert.DoesNotContain(batches.SelectMany(b => b), mine.Contains);
    }

    [Fact]
    public async Task The_check_deadlines_command_runs_one_round_over_every_tenant_and_says_what_it_did()
    {
        // A database of its own: the command checks every tenant on the real clock, which is no business of the shared one's.
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings__Cara"] = database.ApplicationConnectionString,
            ["Cara__TenantsPath"] = RepoPaths.Tenants,
            ["Cara__PublicUrl"] = ProductionHost.PublicUrl,
            ["DataProtection__CertificatePath"] = CaraWebFactory.DataProtectionCertificatePath,
        };
        var (migrated, migrateOutput) = await HostProcess.RunAsync(["migrate"], settings);
        Assert.True(migrated == 0, migrateOutput);

        // One referral received 200 days ago and never booked (overdue), one received today (nothing to say yet).
        Guid overdueId;
        await using (var services = fixture.Database.ServicesFor(database.ApplicationConnectionString))
        {
            var tenant = await services.GetRequiredService<IMultiTenantStore<CaraTenantInfo>>().TryGetByIdentifierAsync(Tenant)
                ?? throw new InvalidOperationException($"{Tenant} was not applied");
            await using var db = fixture.Database.AppContext(tenant, services);
            var old = new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-200));
            var overdue = Referral.Receive(ReferralBuilder.Details(tenant.Settings, NewPoliceReference(), old), tenant.Settings.Condition, ReferralBuilder.Police, old);
            var today = new FakeTimeProvider(DateTimeOffset.UtcNow);
            db.Referrals.AddRange(
                overdue,
                Referral.Receive(ReferralBuilder.Details(tenant.Settings, NewPoliceReference(), today), tenant.Settings.Condition, ReferralBuilder.Police, today));
            await db.SaveChangesAsync();
            overdueId = overdue.Id;
        }

        var (exit, output) = await HostProcess.RunAsync(["check-deadlines"], settings);

        Assert.True(exit == 0, output);
        Assert.Matches(@"Deadline check: \d+ tenants, 1 notices raised, 1 referrals examined in \d+\.\d\d s", output);
        await using (var services = fixture.Database.ServicesFor(database.ApplicationConnectionString))
        {
            var tenant = (await services.GetRequiredService<IMultiTenantStore<CaraTenantInfo>>().TryGetByIdentifierAsync(Tenant))!;
            await using var db = fixture.Database.AppContext(tenant, services);
            var stored = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == overdueId);
            Assert.NotNull(stored.OverdueNoticeAt);
            Assert.NotNull(stored.BookingTargetMissedAt);
        }
    }

    private ReferralDeadlineJob Job(TimeProvider clock, int batchSize = 500) =>
        ActivatorUtilities.CreateInstance<ReferralDeadlineJob>(fixture.Web.Services, clock,
            Options.Create(new ReferralDeadlineOptions { Enabled = false, BatchSize = batchSize }));
}
