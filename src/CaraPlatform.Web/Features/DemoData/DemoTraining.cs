using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.DemoData;

/// <summary>
/// The licence holder's records of the demo facilitators, so that scheduling (which refuses a facilitator without
/// signed-off training or with supervision overdue) works in the demo: each demo facilitator of a tenant trained, signed
/// off by the demo Trainer and supervised lately. One more facilitator per tenant, <see cref="LapsingLocal"/>, has
/// training that lapses within weeks and, where the tenant has its history, is on an upcoming run, so the runs-at-risk
/// worklist has something to show. A person who already has facilitator training on record is left as they are.
/// </summary>
public static class DemoTraining
{
    /// <summary>The local part of the demo facilitator whose training lapses soon; no test schedules with them.</summary>
    public const string LapsingLocal = "refresher-due";

    /// <summary>How many days from the seed's day the lapsing facilitator's training is still valid.</summary>
    public const int LapsesInDays = 20;

    public static async Task SeedAsync(IServiceProvider services, string emailDomain, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<CaraDbContext>();
        var users = services.GetRequiredService<UserManager<CaraUser>>();
        var today = UkCalendar.DateOf(services.GetRequiredService<TimeProvider>().GetUtcNow());
        var trainer = (await users.FindByEmailAsync("trainer@hamptontrust.demo"))!;
        var course = await db.TrainingCourses.SingleAsync(c => c.Kind == TrainingCourseKind.FacilitatorInitial, cancellationToken);

        var lapsing = await DemoSeed.EnsureUser(services, $"{LapsingLocal}@{emailDomain}", u => u.DisplayName = "Robin Ashdown");
        if (!await db.Memberships.AnyAsync(m => m.UserId == lapsing.Id, cancellationToken))
            db.Memberships.Add(new Membership { UserId = lapsing.Id, Roles = [TenantRole.Facilitator] });

        var facilitatorIds = (await db.Memberships.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => m.Roles.Contains(TenantRole.Facilitator)).Select(m => m.UserId).ToList();
        var demo = await db.Users.AsNoTracking()
            .Where(u => facilitatorIds.Contains(u.Id) && u.Email!.EndsWith("@" + emailDomain) && u.Id != lapsing.Id)
            .Select(u => u.Id).ToListAsync(cancellationToken);
        var trained = await db.TrainingRecords.AsNoTracking().Where(r => demo.Contains(r.UserId) || r.UserId == lapsing.Id)
            .Select(r => r.UserId).Distinct().ToListAsync(cancellationToken);

        foreach (var id in demo.Except(trained))
            Train(db, course, trainer, id, completedOn: today.AddMonths(-6), supervisedOn: today.AddDays(-21));
        if (!trained.Contains(lapsing.Id))
        {
            Train(db, course, trainer, lapsing.Id, completedOn: today.AddDays(LapsesInDays).AddMonths(-course.ValidityMonths), supervisedOn: today.AddDays(-14));
            await PutOnAnUpcomingRunAsync(db, lapsing.Id, emailDomain, today, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Train(CaraDbContext db, TrainingCourse course, CaraUser trainer, Guid userId, DateOnly completedOn, DateOnly supervisedOn)
    {
        db.TrainingRecords.Add(new TrainingRecord
        {
            UserId = userId,
            CourseId = course.Id,
            Kind = course.Kind,
            CompletedOn = completedOn,
            ExpiresOn = completedOn.AddMonths(course.ValidityMonths),
            SignedOffBy = trainer.Id,
            SignedOffOn = completedOn,
        });
        db.SupervisionRecords.Add(new SupervisionRecord
        {
            UserId = userId,
            SupervisorUserId = trainer.Id,
            SupervisorName = trainer.DisplayName,
            HeldOn = supervisedOn,
            Kind = SupervisionKind.Individual,
        });
    }

    /// <summary>
    /// Puts the lapsing facilitator in place of the second facilitator of the latest upcoming run whose Workshop 2 is
    /// after the lapse and that <c>facilitator@</c> does not run (so that account's own runs stay as the history made them).
    /// </summary>
    private static async Task PutOnAnUpcomingRunAsync(CaraDbContext db, Guid lapsing, string emailDomain, DateOnly today, CancellationToken cancellationToken)
    {
        var facilitator = await db.Users.AsNoTracking().Where(u => u.Email == $"facilitator@{emailDomain}").Select(u => u.Id).SingleAsync(cancellationToken);
        var runs = await db.CourseRuns.Where(r => r.CancelledAt == null && r.Workshop1.Date > today && r.Workshop2.Date > today.AddDays(LapsesInDays))
            .OrderByDescending(r => r.Workshop1.Date).ToListAsync(cancellationToken);
        if (runs.FirstOrDefault(r => !r.FacilitatorIds.Contains(facilitator)) is { } run)
            run.FacilitatorIds = [run.FacilitatorIds[0], lapsing];
    }
}
