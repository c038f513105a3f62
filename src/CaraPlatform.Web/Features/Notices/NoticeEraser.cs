using CaraPlatform.Web.Platform.DataProtection;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The notices feature's part of a retention erasure: the police notices about the referral are deleted, since each
/// carries the police reference and the reasons given. The force received them long ago and keeps its own copies.
/// </summary>
public sealed class NoticeEraser : IPersonalDataEraser
{
    public async Task<IReadOnlyList<string>> EraseAsync(CaraDbContext db, Guid referralId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notices = await db.PoliceNotices.Where(n => n.ReferralId == referralId).ToListAsync(cancellationToken);
        db.PoliceNotices.RemoveRange(notices);
        return notices.Count == 0 ? [] : ["police notices"];
    }
}
