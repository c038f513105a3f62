using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Platform.DataProtection;
using static CaraPlatform.Web.Platform.DataProtection.SubjectAccessFields;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// The workshops' part of the offender's subject-access export: their bookings with attendance, what the registers
/// say about them, the confirmation letters and their feedback. Other participants and the facilitators are third
/// parties: left out, and listed as left out. Workshops hold nothing about the victim.
/// </summary>
internal sealed class WorkshopSubjectAccess(CaraDbContext db) : ISubjectAccessSource
{
    private const string ThirdParty = "Third parties' personal data (DPA 2018 s.45(4)(e))";

    public async Task<IReadOnlyList<SubjectAccessSection>> SectionsAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken)
    {
        if (subject != DataSubject.Offender) return [];
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.ReferralId == referralId).OrderBy(b => b.BookedAt).ToListAsync(cancellationToken);
        var runIds = bookings.Select(b => b.RunId).ToList();
        var runs = await db.CourseRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var venueIds = runs.Values.Select(r => r.VenueId).OfType<Guid>().ToList();
        var venues = await db.Venues.AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, cancellationToken);
        var registers = await db.WorkshopRegisters.AsNoTracking().Where(r => runIds.Contains(r.RunId)).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var feedback = await db.FeedbackResponses.AsNoTracking().Where(f => f.ReferralId == referralId).OrderBy(f => f.RecordedAt).ToListAsync(cancellationToken);

        string Where(CourseRun run) => run.VenueId is { } venueId ? venues[venueId] : "Online";
        return
        [
            new("Bookings and attendance", [.. bookings.Select(b => Booking(b, runs[b.RunId], Where(runs[b.RunId])))],
                [new("The other participants of each run", ThirdParty), new("The facilitators and who booked the place", ThirdParty)]),
            new("What the workshop registers say about you", [.. registers.SelectMany(r => r.Entries.Where(e => e.ReferralId == referralId).Select(e => Record(
                    Of("Workshop", r.Workshop), Of("Recorded", r.RecordedAt), Of("Mark", e.Mark), Of("Note", e.Note))))],
                [new("Other participants' marks and notes on the same registers", ThirdParty)]),
            new("Booking confirmation letters", [.. bookings.Where(b => b.Status != BookingStatus.Cancelled).Select(b => Record(
                    Of("Letter", "Booking confirmation: your name and address, police reference, workshop dates, place and what to bring"),
                    Of("Workshop 1", runs[b.RunId].Workshop1.Date), Of("Workshop 2", runs[b.RunId].Workshop2.Date)))],
                []),
            new("Your feedback", [.. feedback.Select(f => Record(
                    [Of("Recorded", f.RecordedAt), .. f.Answers.Select(a => Of($"Question {a.QuestionCode}", a.Value))]))],
                []),
        ];
    }

    private static IReadOnlyList<SubjectAccessField> Booking(Booking b, CourseRun run, string where) => Record(
        Of("Booked", b.BookedAt), Of("Status", b.Status), Of("Cohort", run.Cohort), Of("Language", run.Language), Of("Where", where),
        Of("Workshop 1", run.Workshop1.Date), Of("Workshop 1 attendance", b.Workshop1), Of("Workshop 2", run.Workshop2.Date),
        Of("Workshop 2 attendance", b.Workshop2), Of("Ended", b.EndedAt), Of("Reason cancelled", b.CancelReason));
}
