using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The referrals feature's part of a retention erasure: the referral anonymised (<see cref="Domain.Referrals.Referral.Anonymise"/>)
/// and the victim record deleted, since nothing in it is needed once the case is closed and past retention.
/// </summary>
public sealed class ReferralEraser : IPersonalDataEraser
{
    public async Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var referral = await db.Referrals.SingleAsync(r => r.Id == referralId, cancellationToken);
        referral.Anonymise();
        List<string> erased = ["offender's identity and contact details", "police reference", "referring officer's contact details", "timeline reasons"];
        if (await db.VictimRecords.SingleOrDefaultAsync(v => v.ReferralId == referralId, cancellationToken) is { } victim)
        {
            db.VictimRecords.Remove(victim);
            erased.Add("victim record");
        }

        return erased;
    }
}
