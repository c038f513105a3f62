using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.PlatformStaff;
using CaraPlatform.Web.Features.Training;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class TrainingEventApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Api = "/api/v1/national/training";

    public static async Task<Guid> TrainerIdAsync(CaraPlatformFixture fixture)
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var staff = await (await licenceAdmin.GetAsync("/api/v1/national/platform-staff")).ReadAs<List<PlatformStaffResponse>>();
        return staff.Single(s => s.Email == "trainer@hamptontrust.demo").UserId;
    }

    [Fact]
    public async Task An_event_enrols_people_of_any_service_takes_attendance_and_completion_gives_those_present_their_record()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        var scheduled = await (await trainer.PostJson($"{Api}/events",
            new ScheduleEventRequest(TrainingCourseKind.FacilitatorInitial, today, today, await TrainerIdAsync(fixture), null, 2))).ReadAs<EventResponse>(HttpStatusCode.Created);
        Assert.Null(scheduled.Venue);

        var dorset = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var kent = await TestPeople.UntrainedFacilitatorAsync(fixture, "norfolk");
        var late = await TestPeople.UntrainedFacilitatorAsync(fixture, "norfolk");
        await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/attendees", new EnrolRequest(dorset.UserId))).ReadAs<EventDetailResponse>();
        var detail = await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/attendees", new EnrolRequest(kent.UserId))).ReadAs<EventDetailResponse>();
        Assert.Equal(2, detail.Event.Enrolled);
        Assert.Contains(detail.Attendees, a => a.UserId == kent.UserId && a.Tenants.Any(t => t.Contains("Norfolk", StringComparison.Ordinal)));
        await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/attendees", new EnrolRequest(late.UserId))).ProblemAsync(HttpStatusCode.Conflict);

        await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/complete", new { })).ProblemAsync(HttpStatusCode.Conflict);
        await (await trainer.PutAsJsonAsync($"{Api}/events/{scheduled.Id}/attendance", new AttendanceRequest([dorset.UserId]), HttpExtensions.Json)).ReadAs<EventDetailResponse>();
        var completed = await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/complete", new { })).ReadAs<EventDetailResponse>();
        Assert.Equal(today, completed.Event.CompletedOn);

        var present = await (await trainer.GetAsync($"{Api}/people/{dorset.UserId}")).ReadAs<PersonTrainingResponse>();
        var record = Assert.Single(present.Training);
        Assert.Equal((TrainingCourseKind.FacilitatorInitial, today.AddMonths(24), (Guid?)null), (record.Course, record.ExpiresOn, record.SignedOffBy));
        Assert.Contains(present.CompetenceGaps, g => g.Code == FacilitatorCompetence.NotSignedOff);
        Assert.Empty((await (await trainer.GetAsync($"{Api}/people/{kent.UserId}")).ReadAs<PersonTrainingResponse>()).Training);
    }

    [Fact]
    public async Task A_cancelled_event_leaves_the_list_and_takes_no_one()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var on = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(30);
        var scheduled = await (await trainer.PostJson($"{Api}/events",
            new ScheduleEventRequest(TrainingCourseKind.FacilitatorRefresher, on, on.AddDays(1), await TrainerIdAsync(fixture), "Hampton Trust, Southampton", 12))).ReadAs<EventResponse>(HttpStatusCode.Created);
        await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/cancel", new CancelEventRequest("Trainer unwell"))).ReadAs<EventResponse>();
        Assert.DoesNotContain((await (await trainer.GetAsync($"{Api}/events")).ReadAs<List<EventResponse>>()), e => e.Id == scheduled.Id);
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        await (await trainer.PostJson($"{Api}/events/{scheduled.Id}/attendees", new EnrolRequest(person.UserId))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_event_led_by_someone_without_the_Trainer_role_is_refused()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var on = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(3);
        var problem = await (await trainer.PostJson($"{Api}/events",
            new ScheduleEventRequest(TrainingCourseKind.FacilitatorRefresher, on, on, person.UserId, null, 12))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("trainerUserId"));
    }
}
