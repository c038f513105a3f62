using CaraPlatform.Domain.National;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// Writes what participants and victims say into the national read model: each questionnaire answer, each
/// victim-reported change and each service a victim was signposted to. Rows are keyed on what the event came from, so a
/// replayed event finds its row and sets the same values.
/// </summary>
public sealed class NationalVoicesProjection : INationalProjection
{
    public async Task ApplyAsync(NationalEvent nationalEvent, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nationalEvent);
        ArgumentNullException.ThrowIfNull(db);
        var tenantId = nationalEvent.Tenant.TenantId;
        switch (nationalEvent.Event)
        {
            case FeedbackRecorded feedback:
                // The referral's events come first in the tenant's stream, so its row is there (tracked, if this batch made it).
                var referral = await db.NationalReferrals.FindAsync([tenantId, feedback.ReferralId], cancellationToken);
                foreach (var answer in feedback.Answers)
                {
                    var row = await db.NationalFeedbackAnswers.FindAsync([tenantId, feedback.FeedbackId, answer.QuestionCode], cancellationToken)
                        ?? db.NationalFeedbackAnswers.Add(new NationalFeedbackAnswer { TenantId = tenantId, FeedbackId = feedback.FeedbackId, QuestionCode = answer.QuestionCode }).Entity;
                    row.ReferralId = feedback.ReferralId;
                    row.RunId = feedback.RunId;
                    row.Stage = feedback.Stage;
                    row.Value = answer.Value;
                    row.Month = MonthOf(feedback.OccurredAt);
                    row.ForceCode = referral?.ForceCode ?? "";
                    row.Cohort = referral?.Cohort;
                    row.Language = referral?.Language ?? "";
                }

                break;
            case VictimChangeReported change:
                var changed = await db.NationalVictimChanges.FindAsync([tenantId, change.EntryId], cancellationToken)
                    ?? db.NationalVictimChanges.Add(new NationalVictimChange { TenantId = tenantId, EntryId = change.EntryId }).Entity;
                changed.ForceCode = change.ForceCode;
                changed.Month = MonthOf(change.OccurredAt);
                changed.Workshop = change.Workshop;
                changed.Change = change.Change;
                break;
            case VictimSignposted signposted:
                foreach (var service in signposted.Services)
                {
                    var row = await db.NationalSignposting.FindAsync([tenantId, signposted.EntryId, service], cancellationToken)
                        ?? db.NationalSignposting.Add(new NationalSignposting { TenantId = tenantId, EntryId = signposted.EntryId, Service = service }).Entity;
                    row.ForceCode = signposted.ForceCode;
                    row.Month = MonthOf(signposted.OccurredAt);
                }

                break;
        }
    }

    private static DateOnly MonthOf(DateTimeOffset at) => NationalReadModel.MonthOf(DateOnly.FromDateTime(at.UtcDateTime));
}
