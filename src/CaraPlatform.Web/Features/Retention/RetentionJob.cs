using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Retention;

public sealed class RetentionOptions : DailyJobOptions
{
    public const string Section = "DataProtection:Retention";
}

/// <summary>
/// Daily, tenant by tenant through the tenant runner: applies each tenant's retention schedule as its file states it
/// (<see cref="ClosedCaseRetention"/>). Running it again the same day changes nothing: a case is listed once and
/// erased once.
/// </summary>
public sealed partial class RetentionJob(TenantRunner tenants, IOptions<RetentionOptions> options, TimeProvider clock, ILogger<RetentionJob> logger)
    : DailyJob<RetentionOptions>(options, RetentionOptions.Section, clock, logger)
{
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>One round over every active tenant (or those <paramref name="only"/> picks), on this job's clock.</summary>
    public Task<TenantRun<RetentionRound>> RunOnceAsync(Func<CaraTenantInfo, bool>? only = null, CancellationToken cancellationToken = default) =>
        tenants.RunAsync("The retention schedule", async (tenant, services, ct) =>
        {
            var round = await services.GetRequiredService<ClosedCaseRetention>().ApplyAsync(tenant.Settings.Retention, Clock.GetUtcNow(), ct);
            if (round.Listed + round.Erased > 0) LogRound(tenant.Identifier, round.Listed, round.Erased);
            return round;
        }, only, cancellationToken);

    [LoggerMessage(LogLevel.Information, "Retention in tenant {Tenant}: {Listed} closed cases listed for review, {Erased} erased")]
    private partial void LogRound(string tenant, int listed, int erased);
}
