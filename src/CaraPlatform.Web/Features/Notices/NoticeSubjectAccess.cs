using CaraPlatform.Domain.Notices;
using CaraPlatform.Web.Platform.DataProtection;
using static CaraPlatform.Web.Platform.DataProtection.SubjectAccessFields;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The police notices' part of the offender's subject-access export: each notice the police were sent about the
/// referral, word for word, and when it reached them. Notices hold nothing about the victim (PoliceNoticePayload).
/// </summary>
internal sealed class NoticeSubjectAccess(CaraDbContext db) : ISubjectAccessSource
{
    public async Task<IReadOnlyList<SubjectAccessSection>> SectionsAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken)
    {
        if (subject != DataSubject.Offender) return [];
        var notices = await db.PoliceNotices.AsNoTracking().Where(n => n.ReferralId == referralId).OrderBy(n => n.OccurredAt).ToListAsync(cancellationToken);
        return
        [
            new("Notices sent to the police", [.. notices.Select(n => Record(
                    Of("Notice", n.Type.Title()), Of("When", n.OccurredAt), Of("Delivered to the police's inbox", n.InboxDeliveredAt),
                    Of("Read by the police", n.ReadAt), Of("Sent to the police's system", n.WebhookDeliveredAt), Of("What the police were told", n.Payload)))],
                []),
        ];
    }
}
