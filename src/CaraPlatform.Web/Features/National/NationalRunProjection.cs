using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// Run events upsert the run's national row: scheduled and changed set it from the run as it now is (with its venue's
/// and facilitators' names as they are when the event is applied), cancelled dates it. A participant's Workshop 1
/// attended and completion (Workshop 2 attended) each mark an attendance of the run they were booked on.
/// </summary>
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
                await DescribeAsync(db, await RowAsync(db, tenantId, run.Id, cancellationToken), run, cancellationToken);
                break;
            case RunChanged { Run: var run }:
                await DescribeAsync(db, await RowAsync(db, tenantId, run.Id, cancellationToken), run, cancellationToken);
                break;
            case ReferralWorkshop1Attended attended:
                await AttendedAsync(db, tenantId, attended.Referral.Id, WorkshopNumber.Workshop1, cancellationToken);
                break;
            case ReferralCompleted completed:
                await AttendedAsync(db, tenantId, completed.Referral.Id, WorkshopNumber.Workshop2, cancellationToken);
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

    /// <summary>
    /// The run the referral is booked on is on its national row (the booking's event came first in the stream, and the
    /// referral projection has applied it, tracked if in this batch).
    /// </summary>
    private static async Task AttendedAsync(CaraDbContext db, Guid tenantId, Guid referralId, WorkshopNumber workshop, CancellationToken cancellationToken)
    {
        if (await db.NationalReferrals.FindAsync([tenantId, referralId], cancellationToken) is not { RunId: { } runId }) return;
        if (await db.NationalRunAttendances.FindAsync([tenantId, runId, referralId, workshop], cancellationToken) is null)
            db.NationalRunAttendances.Add(new NationalRunAttendance { TenantId = tenantId, RunId = runId, ReferralId = referralId, Workshop = workshop });
    }

    private static async Task DescribeAsync(CaraDbContext db, NationalRun row, RunFacts run, CancellationToken cancellationToken)
    {
        Describe(row, run);
        row.VenueName = run.VenueId is { } venueId ? (await db.Venues.FindAsync([row.TenantId, venueId], cancellationToken))?.Name : null;
        var ids = run.FacilitatorIds.Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        row.FacilitatorIds = ids;
        row.FacilitatorNames = ids.ConvertAll(id => names.GetValueOrDefault(id) ?? "");
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
