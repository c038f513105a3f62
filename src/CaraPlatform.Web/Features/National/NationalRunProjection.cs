using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.National;

/// <summary>Run events upsert the run's national row: scheduled and changed set it from the run as it now is, cancelled dates it.</summary>
public sealed class NationalRunProjection : INationalProjection
{
    public async Task ApplyAsync(NationalEvent nationalEvent, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nationalEvent);
        ArgumentNullException.ThrowIfNull(db);
        var tenantId = nationalEvent.Tenant.TenantId;
        switch (nationalEvent.Event)
        {
            case RunScheduled { Run: var run }:
                Describe(await RowAsync(db, tenantId, run.Id, cancellationToken), run);
                break;
            case RunChanged { Run: var run }:
                Describe(await RowAsync(db, tenantId, run.Id, cancellationToken), run);
                break;
            case RunCancelled cancelled when await db.NationalRuns.FindAsync([tenantId, cancelled.RunId], cancellationToken) is { } row:
                row.CancelledOn ??= UkCalendar.DateOf(cancelled.OccurredAt);
                break;
        }
    }

    private static async Task<NationalRun> RowAsync(CaraDbContext db, Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        if (await db.NationalRuns.FindAsync([tenantId, runId], cancellationToken) is { } row) return row;
        row = new NationalRun { TenantId = tenantId, RunId = runId };
        db.NationalRuns.Add(row);
        return row;
    }

    private static void Describe(NationalRun row, RunFacts run)
    {
        row.Cohort = run.Cohort;
        row.Language = run.Language;
        row.Delivery = run.Delivery;
        row.Capacity = run.Capacity;
        row.Workshop1On = run.Workshop1.Date;
        row.Workshop2On = run.Workshop2.Date;
        row.Month = NationalReadModel.MonthOf(run.Workshop1.Date);
    }
}
