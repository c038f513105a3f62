using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.DemoData;

namespace CaraPlatform.Web.Tests.Features.DemoData;

/// <summary>The demo Trainer's calendar, as the shared host's seed made it before any test added events.</summary>
public sealed class DemoTrainingEventsTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task The_demo_has_a_refresher_with_a_nomination_an_initial_training_and_a_completed_awareness_session_and_a_second_seed_adds_nothing()
    {
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        await using var db = fixture.Database.AppContext(null);
        var demo = await db.TrainingEvents.AsNoTracking().OrderBy(e => e.CreatedAt).Take(3).ToListAsync();

        var refresher = Assert.Single(demo, e => e.Kind == TrainingCourseKind.FacilitatorRefresher);
        Assert.InRange(refresher.StartsOn, today.AddMonths(1), today.AddMonths(1).AddDays(2));
        var nomination = Assert.Single(await db.TrainingAttendees.AsNoTracking().Where(a => a.EventId == refresher.Id).ToListAsync());
        Assert.Equal(AttendeeStatus.Nominated, nomination.Status);
        Assert.Equal($"{DemoTraining.LapsingLocal}@west-yorkshire.demo", await EmailOfAsync(db, nomination.UserId));
        Assert.Equal("coordinator@west-yorkshire.demo", await EmailOfAsync(db, nomination.NominatedBy!.Value));
        Assert.Equal((await fixture.Database.TenantAsync("west-yorkshire")).TenantId, nomination.NominatedByTenantId);

        var initial = Assert.Single(demo, e => e.Kind == TrainingCourseKind.FacilitatorInitial);
        Assert.InRange(initial.StartsOn, today.AddDays(42), today.AddDays(44));
        Assert.Null(initial.CompletedOn);

        var awareness = Assert.Single(demo, e => e.Kind == TrainingCourseKind.PoliceAwareness);
        Assert.True(awareness.CompletedOn < today);
        var attended = await db.TrainingAttendees.AsNoTracking().Where(a => a.EventId == awareness.Id && a.Attended == true).Select(a => a.UserId).ToListAsync();
        var recorded = await db.TrainingRecords.AsNoTracking().Where(r => r.EventId == awareness.Id).Select(r => r.UserId).ToListAsync();
        Assert.Equal(2, attended.Count);
        Assert.Equal(attended.Order(), recorded.Order());

        var events = await db.TrainingEvents.CountAsync();
        await DemoTrainingEvents.SeedAsync(fixture.Web.Services, TimeProvider.System, default);
        Assert.Equal(events, await db.TrainingEvents.CountAsync());
    }

    private static Task<string?> EmailOfAsync(CaraDbContext db, Guid userId) =>
        db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
}
