using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.ForceReports;

public sealed class ForceReportOptions : DailyJobOptions
{
    public const string Section = "ForceReports:Schedule";
}

/// <summary>
/// Daily, tenant by tenant: from the 1st of a month (UK date) each active tenant's report of the month before is made
/// and emailed, once (<see cref="ForceReportMaker"/>). Running daily, it is made on the 1st; a day the job missed is
/// caught up on the next. The tenant's events are relayed first, so the figures include everything up to now.
/// </summary>
public sealed partial class ForceReportJob(
    TenantRunner tenants, TenantEventRelay relay, IOptions<ForceReportOptions> options, TimeProvider clock, ILogger<ForceReportJob> logger)
    : DailyJob<ForceReportOptions>(options, ForceReportOptions.Section, clock, logger)
{
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        await RunOnceAsync(cancellationToken: cancellationToken);
        return false;
    }

    /// <summary>One round over every active tenant (or those <paramref name="only"/> picks): the reports made now.</summary>
    public Task<TenantRun<ForceReport?>> RunOnceAsync(Func<CaraTenantInfo, bool>? only = null, CancellationToken cancellationToken = default)
    {
        var month = ForceReport.MonthOf(UkCalendar.DateOf(Clock.GetUtcNow())).AddMonths(-1);
        return tenants.RunAsync("The monthly force report", async (tenant, services, ct) =>
        {
            var maker = services.GetRequiredService<ForceReportMaker>();
            if (await maker.IsMadeAsync(month, ct)) return null;
            var relayed = await relay.RunOnceAsync(tenant.Identifier, ct);
            if (relayed.Failures.Count > 0 || relayed.Results.Any(r => r.Result.FailedConsumers.Count > 0))
                throw new InvalidOperationException($"The tenant's events could not all be relayed: the report of {ForceReport.Key(month)} waits for the next round.");
            var report = await maker.MakeAsync(tenant, month, ct);
            if (report is not null) LogMade(ForceReport.Key(month), tenant.Identifier);
            return report;
        }, only, cancellationToken);
    }

    [LoggerMessage(LogLevel.Information, "The force report of {Month} for tenant {Tenant} was made and sent")]
    private partial void LogMade(string month, string tenant);
}
