using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Platform.DataProtection;
using static CaraPlatform.Web.Platform.DataProtection.SubjectAccessFields;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The referral's part of a subject-access export: for the offender, every field of their record, the police's and the
/// provider's screening, the deadlines and the timeline; for the victim, their own details. Each side's export leaves
/// out the other person's data, and says so.
/// </summary>
internal sealed class ReferralSubjectAccess(CaraDbContext db, VictimDetailsProtector victims, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    : ISubjectAccessSource
{
    private const string OtherPerson = "Another person's personal data (DPA 2018 s.45(4)(e))";

    public async Task<IReadOnlyList<SubjectAccessSection>> SectionsAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null) return [];
        return subject == DataSubject.Offender ? OffenderSections(referral) : await VictimSectionsAsync(referral, cancellationToken);
    }

    private static List<SubjectAccessSection> OffenderSections(Referral r)
    {
        var o = r.Offender;
        return
        [
            new("Referral", [Record(
                Of("Police reference", r.PoliceReference), Of("Force", r.ForceCode), Of("Disposal", r.DisposalType), Of("Caution date", r.DisposalDate),
                Of("Offence type", r.Offence.TypeCode), Of("Offence date", r.Offence.Date), Of("Relationship to the person harmed", r.Offence.Relationship),
                Of("Status", r.Status), Of("Received", r.ReceivedAt), Of("Re-bookings allowed after a breach", r.RebookingCount))],
                [new("The victim's details and the victim-contact service's record", OtherPerson)]),
            new("Offender", [Record(
                Of("Given name", o.GivenName), Of("Family name", o.FamilyName), Of("Date of birth", o.DateOfBirth), Of("Sex", o.Sex),
                Of("Preferred language", o.PreferredLanguage), Of("Interpreter needed", o.InterpreterNeeded), Of("Address line 1", o.AddressLine1),
                Of("Address line 2", o.AddressLine2), Of("Town", o.Town), Of("Postcode", o.Postcode), Of("Phone", o.Phone), Of("Email", o.Email),
                Of("Accessibility needs", o.AccessibilityNeeds), Of("Children in the household", o.ChildrenInHousehold), Of("Ethnicity (self-defined)", o.Ethnicity))],
                []),
            new("Referring officer", [Record(Of("Name", r.Officer.Name), Of("Collar number", r.Officer.CollarNumber))],
                [new("The officer's email and phone", "A third party's contact details (DPA 2018 s.45(4)(e))")]),
            Answers("Eligibility as the police stated it", r.PoliceAnswers),
            Answers("Screening by the provider", r.Screening),
            new("Deadlines", [Record(
                Of("First contact", r.FirstContactAt), Of("Condition deadline", r.ConditionDeadline), Of("Booking target missed", r.BookingTargetMissedAt),
                Of("Police told the deadline is at risk", r.AtRiskNoticeAt), Of("Police told the deadline passed", r.OverdueNoticeAt))],
                []),
            new("Timeline", [.. r.Timeline.Select(t => Record(
                    Of("When", t.At), Of("Action", t.Action), Of("From", t.From), Of("To", t.To), Of("Reason", t.Reason)))],
                [new("Who made each move", "Staff members' names are third-party data (DPA 2018 s.45(4)(e))")]),
        ];
    }

    /// <summary>The answers about the offender; the two about the victim are left out, since telling the offender could put the victim at risk.</summary>
    private static SubjectAccessSection Answers(string title, ScreeningAnswers? a) => new(
        title,
        a is null ? [] :
        [
            [
                Of("Last violence conviction or caution", a.LastViolenceConvictionOrCautionDate), Of("On bail", a.OnBail),
                Of("Subject to a court order or community sentence", a.SubjectToCourtOrderOrCommunitySentence),
                Of("Evidence of coercive or controlling behaviour", a.EvidenceOfCoerciveOrControllingBehaviour), Of("DASH score", a.Dash.Score),
                Of("DASH assessed level", a.Dash.AssessedLevel), Of("DASH professional judgement", a.Dash.JudgementLevel),
                Of("DASH judgement reason", a.Dash.JudgementReason),
                .. a.TenantAnswers.Select(answer => Of($"Local question {answer.Key}", answer.Value)),
            ],
        ],
        a is null ? [] : [new("Whether the victim's views were recorded, and whether the caution puts the victim at a specific risk", OtherPerson)]);

    private async Task<List<SubjectAccessSection>> VictimSectionsAsync(Referral referral, CancellationToken cancellationToken)
    {
        var record = await db.VictimRecords.AsNoTracking().SingleOrDefaultAsync(v => v.ReferralId == referral.Id, cancellationToken);
        if (record is null) return [];
        var v = victims.Unprotect(tenants.Current().TenantId, record.ProtectedDetails);
        return
        [
            new("Your details as the police passed them to the victim-contact service", [Record(
                Of("Given name", v.GivenName), Of("Family name", v.FamilyName), Of("Relationship to the offender", v.Relationship),
                Of("Safe way to make contact", v.SafeContactMethod), Of("Phone", v.Phone), Of("Email", v.Email), Of("Address", v.Address),
                Of("When contact is safe", v.SafeContactTimes), Of("Agreed to be contacted", v.ContactConsented), Of("Notes", v.Notes),
                Of("Received", record.CreatedAt), Of("Last changed", record.UpdatedAt))],
                [new("The offender's record: referral, screening, workshops and police notices", OtherPerson)]),
        ];
    }
}
