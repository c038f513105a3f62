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
}

/// <summary>
/// Looks at every open referral, tenant by tenant in an explicit tenant scope, and lets the referral decide what
/// its deadlines mean today (<see cref="Referral.CheckDeadlines"/>): a missed booking target is flagged, and the
/// police are told once when the deadline is at risk and once when it has passed. Each referral is saved on its own
/// with its row version, so two instances running at once cannot raise a notice twice.
/// </summary>
public sealed class ReferralDeadlineJob(
    IServiceProvider services, IOptions<ReferralDeadlineOptions> options, TimeProvider clock, ILogger<ReferralDeadlineJob> logger) : BackgroundService
{
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
    public Task<TenantRun<int>> RunOnceAsync(CancellationToken cancellationToken, Func<CaraTenantInfo, bool>? only = null) =>
        services.GetRequiredService<TenantRunner>().RunAsync("The referral deadline check",
            (tenant, _, ct) => CheckTenantAsync(tenant, ct), only, cancellationToken);

    /// <summary>Checks one tenant's open referrals, inside the scope the runner opened for it; returns how many notices were raised.</summary>
    private async Task<int> CheckTenantAsync(CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        var contexts = services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        List<Guid> open;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            var statuses = ReferralLifecycle.Open.ToList();
            open = await db.Referrals.AsNoTracking().Where(r => statuses.Contains(r.Status)).Select(r => r.Id).ToListAsync(cancellationToken);
        }

        var raised = 0;
        foreach (var id in open)
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
            if (referral is null) continue;
            var flaggedBefore = referral.BookingTargetMissedAt;
            var notices = referral.CheckDeadlines(tenant.Settings, clock);
            if (notices.Count == 0 && flaggedBefore == referral.BookingTargetMissedAt) continue;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                raised += notices.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed the referral meanwhile (a move, or another instance's check): judge it again next time.
                logger.LogInformation("Referral {ReferralId} changed during the deadline check; it is checked again next round", id);
            }
        }

        if (raised > 0) logger.LogInformation("Raised {Count} deadline notices in tenant {Tenant}", raised, tenant.Identifier);
        return raised;
    }
}
