using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// The licence holder's training and supervision records of test people, written through the app's DbContext (global
/// tables), as the training feature would write them.
/// </summary>
public static class TrainingRecords
{
    /// <summary>Signed-off facilitator training completed a month ago (valid two years) and a supervision last week.</summary>
    public static async Task CompetentAsync(CaraDbContext db, Guid userId)
    {
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        await TrainedAsync(db, userId, today.AddDays(-30), signedOff: true);
        Supervised(db, userId, today.AddDays(-7));
    }

    /// <summary>Facilitator initial training completed on <paramref name="completedOn"/>, valid for the course's months, signed off by the demo Trainer or not.</summary>
    public static async Task TrainedAsync(CaraDbContext db, Guid userId, DateOnly completedOn, bool signedOff)
    {
        var course = await db.TrainingCourses.SingleAsync(c => c.Kind == TrainingCourseKind.FacilitatorInitial);
        var trainer = await db.Users.Where(u => u.Email == "trainer@hamptontrust.demo").Select(u => u.Id).SingleAsync();
        db.TrainingRecords.Add(new TrainingRecord
        {
            UserId = userId,
            CourseId = course.Id,
            Kind = course.Kind,
            CompletedOn = completedOn,
            ExpiresOn = completedOn.AddMonths(course.ValidityMonths),
            SignedOffBy = signedOff ? trainer : null,
            SignedOffOn = signedOff ? completedOn : null,
        });
    }

    public static void Supervised(CaraDbContext db, Guid userId, DateOnly heldOn) =>
        db.SupervisionRecords.Add(new SupervisionRecord { UserId = userId, SupervisorName = "Test supervisor", HeldOn = heldOn, Kind = SupervisionKind.Individual });

    /// <summary>Writes with a context of the host's own (no tenant: the tables are the licence holder's).</summary>
    public static async Task WriteAsync(WebApplicationFactory<Program> web, Func<CaraDbContext, Task> write)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        await write(db);
        await db.SaveChangesAsync();
    }
}
