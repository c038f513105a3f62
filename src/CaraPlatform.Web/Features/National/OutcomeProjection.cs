using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Outcomes;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// Writes each <see cref="OutcomeRecorded"/> into <c>national.outcomes</c>, keyed by the follow-up: a changed
/// follow-up replaces its row, and a replay sets the same values again. A referred person's findings are also copied
/// onto their national referral (its events come first in the tenant's stream, so the row is there).
/// </summary>
public sealed class OutcomeProjection : INationalProjection
{
    public async Task ApplyAsync(NationalEvent nationalEvent, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nationalEvent);
        ArgumentNullException.ThrowIfNull(db);
        if (nationalEvent.Event is not OutcomeRecorded recorded) return;
        var tenantId = nationalEvent.Tenant.TenantId;
        var row = await db.NationalOutcomes.FindAsync([tenantId, recorded.FollowUpId], cancellationToken);
        if (row is null)
        {
            row = new NationalOutcome { TenantId = tenantId, FollowUpId = recorded.FollowUpId };
            db.NationalOutcomes.Add(row);
        }

        row.ReferralId = recorded.ReferralId;
        row.Cohort = recorded.Cohort;
        row.Months = recorded.Months;
        row.Reoffended = recorded.Reoffended;
        row.OffenceTypes = recorded.OffenceTypes;
        row.FirstReoffenceOn = recorded.FirstReoffenceOn;
        if (recorded.ReferralId is { } referralId && await db.NationalReferrals.FindAsync([tenantId, referralId], cancellationToken) is { } referral)
            referral.FollowedUp(recorded.Months, recorded.Reoffended, recorded.OffenceTypes);
    }
}
