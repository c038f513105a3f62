using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// The demo Trainer's calendar, so that the training pages have something to show: a facilitator refresher next month
/// with West Yorkshire's lapsing facilitator (<see cref="DemoTraining.LapsingLocal"/>) nominated by its coordinator and
/// waiting for the Trainer's answer, an initial facilitator training in six weeks, and a police and SPOC awareness
/// session last month, completed, that gave both demo SPOCs their record. Only on a database without any training
/// event, so a second seed, or events people made, leave the calendar alone.
/// </summary>
internal static class DemoTrainingEvents
{
    /// <summary>The tenant whose coordinator nominated its lapsing facilitator for the refresher.</summary>
    public const string NominatingTenant = "west-yorkshire";

    private const string Trainer = "trainer@hamptontrust.demo";
    private const string Coordinator = $"coordinator@{NominatingTenant}.demo";
    private const string Lapsing = $"{DemoTraining.LapsingLocal}@{NominatingTenant}.demo";
    private static readonly string[] Spocs = ["spoc@hampshire.demo", $"spoc@{NominatingTenant}.demo"];

    public static async Task SeedAsync(IServiceProvider services, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        if (await db.TrainingEvents.AnyAsync(cancellationToken)) return;

        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var courses = await db.TrainingCourses.AsNoTracking().ToDictionaryAsync(c => c.Kind, cancellationToken);
        string[] emails = [Trainer, Coordinator, Lapsing, .. Spocs];
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email)).ToDictionaryAsync(u => u.Email!, u => u.Id, cancellationToken);
        var tenantId = await db.Tenants.AsNoTracking().Where(t => t.Slug == NominatingTenant).Select(t => t.Id).SingleAsync(cancellationToken);
        var trainer = people[Trainer];

        TrainingEvent Event(TrainingCourseKind kind, DateOnly startsOn, int days, string? venue, int capacity)
        {
            var scheduled = new TrainingEvent
            {
                CourseId = courses[kind].Id,
                Kind = kind,
                StartsOn = startsOn,
                EndsOn = startsOn.AddDays(days - 1),
                TrainerUserId = trainer,
                Venue = venue,
                Capacity = capacity,
            };
            db.TrainingEvents.Add(scheduled);
            return scheduled;
        }

        var refresher = Event(TrainingCourseKind.FacilitatorRefresher, Weekday(today.AddMonths(1)), 1, "Carr Gate training centre, Wakefield", 12);
        db.TrainingAttendees.Add(new TrainingAttendee
        {
            EventId = refresher.Id,
            UserId = people[Lapsing],
            Status = AttendeeStatus.Nominated,
            NominatedByTenantId = tenantId,
            NominatedBy = people[Coordinator],
        });

        Event(TrainingCourseKind.FacilitatorInitial, Weekday(today.AddDays(42)), 3, "The Hampton Trust, Fareham", 16);

        var awareness = Event(TrainingCourseKind.PoliceAwareness, Weekday(today.AddMonths(-1)), 1, null, 30);
        awareness.CompletedOn = awareness.EndsOn;
        foreach (var spoc in Spocs.Select(email => people[email]))
        {
            db.TrainingAttendees.Add(new TrainingAttendee { EventId = awareness.Id, UserId = spoc, Status = AttendeeStatus.Enrolled, Attended = true });
            db.TrainingRecords.Add(new TrainingRecord
            {
                UserId = spoc,
                CourseId = awareness.CourseId,
                Kind = awareness.Kind,
                CompletedOn = awareness.EndsOn,
                ExpiresOn = awareness.EndsOn.AddMonths(courses[awareness.Kind].ValidityMonths),
                EventId = awareness.Id,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The day itself, or the Monday after when it falls at a weekend: training is held on working days.</summary>
    private static DateOnly Weekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };
}
