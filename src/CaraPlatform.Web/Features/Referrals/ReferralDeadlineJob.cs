using CaraPlatform.Domain.Referrals;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Referrals;

public sealed class ReferralDeadlineOptions
{
    /// <summary>How often the deadlines are checked. Notices are raised once per referral however often it runs.</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Off only where another instance runs the checks (or a test drives them itself).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Referrals loaded, checked and saved together: large enough that a million referrals are a few thousand round
    /// trips, small enough that one conflict costs little to redo one by one.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;
}

/// <summary>What one tenant's deadline check came to.</summary>
/// <param name="NoticesRaised">Notices to the police raised (and saved).</param>
/// <param name="Examined">Referrals the database offered as candidates and the rule judged.</param>
public sealed record DeadlineCheck(int NoticesRaised, int Examined);

/// <summary>
/// Lets every open referral, tenant by tenant in an explicit tenant scope, decide what its deadlines mean today
/// (<see cref="Referral.CheckDeadlines"/>): a missed booking target is flagged, and the police are told once when the
/// deadline is at risk and once when it has passed. The database narrows the open referrals to those the rule could
/// change today (<see cref="ReferralDeadlines.Cutoffs"/>, loose by a day, tested against the rule), since at a million
/// referrals nearly all have nothing new; those are checked in batches paged by id and saved once per batch. Saves
/// carry the row version, so two instances running at once cannot raise a notice twice; when a batch's save conflicts,
/// its referrals are loaded again and checked one by one, so one referral changed meanwhile never holds back the others'
/// notices and is itself judged as it now is (or next round, should it change yet again).
/// </summary>
public sealed class ReferralDeadlineJob(
    IServiceProvider services, IOptions<ReferralDeadlineOptions> options, TimeProvider clock, ILogger<ReferralDeadlineJob> logger) : BackgroundService
{
    /// <summary>
    /// Runs between checking a batch and saving it: where a test makes the concurrent change that a real round meets
    /// only by chance.
    /// </summary>
    internal Func<IReadOnlyList<Referral>, CancellationToken, Task>? BeforeBatchSave { get; set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "The referral deadline check failed; it runs again in {Interval}", options.Value.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round over every active tenant; a tenant whose check fails does not stop the others'.</summary>
    /// <param name="cancellationToken">Ends the round.</param>
    /// <param name="only">Which tenants to check (all when null), e.g. one tenant in a test.</param>
    /// <returns>Each tenant's notices raised.</returns>
    public async Task<TenantRun<int>> RunOnceAsync(CancellationToken cancellationToken, Func<CaraTenantInfo, bool>? only = null)
    {
        var round = await RunRoundAsync(cancellationToken, only);
        return new TenantRun<int>([.. round.Results.Select(r => (r.Tenant, r.Result.NoticesRaised))], round.Failures);
    }

    /// <summary><see cref="RunOnceAsync"/> with how many referrals each tenant's check examined, for <c>check-deadlines</c>.</summary>
    public Task<TenantRun<DeadlineCheck>> RunRoundAsync(CancellationToken cancellationToken, Func<CaraTenantInfo, bool>? only = null) =>
        services.GetRequiredService<TenantRunner>().RunAsync("The referral deadline check",
            (tenant, _, ct) => CheckTenantAsync(tenant, ct), only, cancellationToken);

    /// <summary>Checks one tenant's candidates, inside the scope the runner opened for it.</summary>
    private async Task<DeadlineCheck> CheckTenantAsync(CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        var batchSize = options.Value.BatchSize;
        // Bounds fixed for the round; they hold for today and tomorrow, so a round past midnight still misses nothing.
        var candidates = ReferralDeadlines.Cutoffs(tenant.Settings, clock.GetUtcNow()).Candidates();
        var (raised, examined) = (0, 0);
        Guid? after = null;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var query = db.Referrals.Where(candidates);
            if (after is { } last) query = query.Where(r => r.Id > last);
            var batch = await query.OrderBy(r => r.Id).Take(batchSize).ToListAsync(cancellationToken);
            if (batch.Count == 0) break;
            examined += batch.Count;
            after = batch[^1].Id;
            raised += await CheckBatchAsync(db, batch, tenant, cancellationToken);
            if (batch.Count < batchSize) break;
        }

        if (raised > 0) logger.LogInformation("Raised {Count} deadline notices in tenant {Tenant}", raised, tenant.Identifier);
        return new DeadlineCheck(raised, examined);
    }

    /// <summary>Checks a batch tracked by <paramref name="db"/> and saves it at once; on a conflict, one by one instead.</summary>
    private async Task<int> CheckBatchAsync(CaraDbContext db, List<Referral> batch, CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        var raised = batch.Sum(referral => referral.CheckDeadlines(tenant.Settings, clock).Count);
        if (BeforeBatchSave is { } hook) await hook(batch, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return raised;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Nothing of the batch was saved (one transaction). Its referrals are judged afresh, each saved alone.
            raised = 0;
            foreach (var referral in batch) raised += await CheckOneAsync(referral.Id, tenant, cancellationToken);
            return raised;
        }
    }

    /// <summary>Loads, checks and saves one referral in a context of its own; the notices raised, none if it changed meanwhile.</summary>
    private async Task<int> CheckOneAsync(Guid id, CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync(cancellationToken);
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return 0;
        var notices = referral.CheckDeadlines(tenant.Settings, clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return notices.Count;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone changed the referral meanwhile (a move, or another instance's check): judge it again next time.
            logger.LogInformation("Referral {ReferralId} changed during the deadline check; it is checked again next round", id);
            return 0;
        }
    }
}
