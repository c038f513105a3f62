using CaraPlatform.Domain.Competence;
using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Competence;
using CaraPlatform.Web.Platform.Mail;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.Competence;

/// <summary>
/// The daily lapse check on a fake clock: a run whose facilitator will lapse before it goes on the coordinator's home,
/// the Trainer's national worklist and into one email each, and off them once the lapse is put right or the run begins.
/// </summary>
public sealed class LapseCheckJobTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "avon-and-somerset";

    private const string Trainer = "trainer@hamptontrust.demo";

    private static DateOnly Today => UkCalendar.DateOf(DateTimeOffset.UtcNow);

    [Fact]
    public async Task A_facilitator_whose_supervision_falls_due_before_workshop_1_is_listed_emailed_once_and_resolved_once_supervised()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var (steady, _) = await FacilitatorsAsync(fixture, Tenant);
        var dueSoon = await TestPeople.UntrainedFacilitatorAsync(fixture.Web, fixture.Database, Tenant, "Tess Duesoon");
        await TrainingRecords.WriteAsync(fixture.Web, async db =>
        {
            await TrainingRecords.TrainedAsync(db, dueSoon.UserId, Today.AddMonths(-6), signedOff: true);
            TrainingRecords.Supervised(db, dueSoon.UserId, Today.AddMonths(-3).AddDays(5));
        });
        // Cleared today (supervision is not yet overdue), but it falls due in five days, before Workshop 1.
        var run = await ScheduleAsync(api, Tenant, Today.AddDays(14), steady.UserId, dueSoon.UserId);
        var (job, clock, only) = await JobAsync();

        await job.RunOnceAsync(only);
        await job.RunOnceAsync(only);
        var row = Assert.Single(await RowsAsync(run.Id));
        Assert.Equal((dueSoon.UserId, FacilitatorCompetence.SupervisionOverdue, "Tess Duesoon", (DateTimeOffset?)null), (row.UserId, row.GapCode, row.PersonName, row.ResolvedAt));
        Assert.Equal((run.Workshop1.Date, run.Workshop2.Date), (row.Workshop1, row.Workshop2));

        // One email each, however often the check runs: the coordinator's links to the run's edit page, the Trainer's to the worklist.
        var toCoordinator = Assert.Single(await MailAsync(coordinator.Email));
        Assert.Contains("Tess Duesoon: supervision due by", toCoordinator, StringComparison.Ordinal);
        Assert.Contains($"/t/{Tenant}/runs/{run.Id}/edit", toCoordinator, StringComparison.Ordinal);
        var toTrainer = Assert.Single(await MailAsync(Trainer), b => b.Contains("Tess Duesoon", StringComparison.Ordinal));
        Assert.Contains("/national/training/runs-at-risk", toTrainer, StringComparison.Ordinal);

        // The coordinator's home lists it (judged live), linking to the edit page; the Trainer's page lists it from the worklist.
        var home = await UserTokens.GetOkAsync(await UserTokens.SignedInBrowserAsync(fixture.Web, coordinator.Email), $"/t/{Tenant}");
        Assert.Contains($"href=\"/t/{Tenant}/runs/{run.Id}/edit\"", home, StringComparison.Ordinal);
        var trainer = await UserTokens.SignedInBrowserAsync(fixture.Web, Trainer);
        Assert.Contains("Tess Duesoon", await UserTokens.GetOkAsync(trainer, "/national/training/runs-at-risk"), StringComparison.Ordinal);

        // Supervised: the next day's check resolves it, and no one is emailed again.
        await TrainingRecords.WriteAsync(fixture.Web, db =>
        {
            TrainingRecords.Supervised(db, dueSoon.UserId, Today);
            return Task.CompletedTask;
        });
        clock.Advance(TimeSpan.FromDays(1));
        await job.RunOnceAsync(only);
        Assert.NotNull(Assert.Single(await RowsAsync(run.Id)).ResolvedAt);
        Assert.DoesNotContain("Tess Duesoon", await UserTokens.GetOkAsync(trainer, "/national/training/runs-at-risk"), StringComparison.Ordinal);
        Assert.DoesNotContain($"/t/{Tenant}/runs/{run.Id}/edit", await UserTokens.GetOkAsync(await UserTokens.SignedInBrowserAsync(fixture.Web, coordinator.Email), $"/t/{Tenant}"), StringComparison.Ordinal);
        Assert.Single(await MailAsync(coordinator.Email));
    }

    [Fact]
    public async Task Training_found_to_expire_before_workshop_2_is_flagged_until_the_run_begins()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await FacilitatorsAsync(fixture, Tenant);
        var run = await ScheduleAsync(api, Tenant, Today.AddDays(10), first.UserId, second.UserId);
        // The licence holder corrects the second facilitator's record after scheduling: it expires between the workshops.
        await TrainingRecords.WriteAsync(fixture.Web, async db =>
        {
            db.TrainingRecords.RemoveRange(await db.TrainingRecords.Where(r => r.UserId == second.UserId).ToListAsync());
            await TrainingRecords.TrainedAsync(db, second.UserId, run.Workshop2.Date.AddDays(-3).AddMonths(-24), signedOff: true);
        });
        var (job, clock, only) = await JobAsync();

        await job.RunOnceAsync(only);
        var row = Assert.Single(await RowsAsync(run.Id));
        Assert.Equal((second.UserId, FacilitatorCompetence.Expires), (row.UserId, row.GapCode));
        Assert.Null(row.ResolvedAt);

        // Once Workshop 1 has begun the run is past changing: it leaves the worklist.
        clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(1));
        await job.RunOnceAsync(only);
        Assert.Equal(run.Workshop1.StartsAt.AddMinutes(1), Assert.Single(await RowsAsync(run.Id)).ResolvedAt);
    }

    private async Task<(LapseCheckJob Job, FakeTimeProvider Clock, Func<CaraTenantInfo, bool> Only)> JobAsync()
    {
        var tenant = await fixture.Database.TenantAsync(Tenant);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        return (ActivatorUtilities.CreateInstance<LapseCheckJob>(fixture.Web.Services, (TimeProvider)clock), clock, t => t.TenantId == tenant.TenantId);
    }

    private async Task<List<RunAtRisk>> RowsAsync(Guid runId)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<CaraDbContext>().RunsAtRisk.AsNoTracking().Where(r => r.RunId == runId).ToListAsync();
    }

    /// <summary>The bodies of the runs-at-risk emails staged for <paramref name="to"/>.</summary>
    private async Task<List<string>> MailAsync(string to)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var mailbox = scope.ServiceProvider.GetRequiredService<Mailbox>();
        var rows = await scope.ServiceProvider.GetRequiredService<CaraDbContext>().OutgoingMail.AsNoTracking()
            .Where(m => m.To == to && m.Kind == LapseCheckJob.MailKind).OrderBy(m => m.CreatedAt).ToListAsync();
        return [.. rows.Select(mailbox.BodyOf)];
    }
}
