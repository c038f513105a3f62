using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class StaffTrainingPageTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Api = "/api/v1/national/training";

    [Fact]
    public async Task A_coordinator_sees_their_staffs_training_never_supervision_notes_and_nominates_for_an_event_the_Trainer_accepts()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var coordinator = await TestPeople.MemberAsync(fixture, "leicestershire", TenantRole.Coordinator);
        var facilitator = await TestPeople.UntrainedFacilitatorAsync(fixture, "leicestershire");
        var elsewhere = await TestPeople.UntrainedFacilitatorAsync(fixture, "norfolk");
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        await (await trainer.PostJson($"{Api}/records", new RecordTrainingRequest(facilitator.UserId, TrainingCourseKind.FacilitatorInitial, today.AddMonths(-23), null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        var notes = $"Private supervision note {Guid.NewGuid():N}";
        await (await trainer.PostJson($"{Api}/supervisions", new RecordSupervisionRequest(facilitator.UserId, today, SupervisionKind.Individual, null, notes)))
            .ReadAs<SupervisionResponse>(HttpStatusCode.Created);
        var on = today.AddDays(20);
        var upcoming = await (await trainer.PostJson($"{Api}/events", new ScheduleEventRequest(TrainingCourseKind.FacilitatorRefresher, on, on,
            await TrainingEventApiTests.TrainerIdAsync(fixture), "Leicester", 8))).ReadAs<EventResponse>(HttpStatusCode.Created);

        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, coordinator.Email);
        var page = await UserTokens.GetOkAsync(browser, "/t/leicestershire/training");
        Assert.Contains(facilitator.Email, page, StringComparison.Ordinal);
        Assert.Contains("Expiring within 60 days", page, StringComparison.Ordinal);
        Assert.DoesNotContain(notes, page, StringComparison.Ordinal);
        Assert.DoesNotContain(elsewhere.Email, page, StringComparison.Ordinal);

        using (var nominated = await browser.PostAsync("/t/leicestershire/training?handler=Nominate", UserTokens.Form(page,
            [new("EventId", upcoming.Id.ToString()), new("UserId", facilitator.UserId.ToString())])))
        {
            Assert.Contains("Waiting for the Trainer", await nominated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Someone not of the service cannot be nominated from it.
        using (var refused = await browser.PostAsync("/t/leicestershire/training?handler=Nominate", UserTokens.Form(page,
            [new("EventId", upcoming.Id.ToString()), new("UserId", elsewhere.UserId.ToString())])))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        var detail = await (await trainer.PostJson($"{Api}/events/{upcoming.Id}/nominations/{facilitator.UserId}/decision", new NominationDecisionRequest(true)))
            .ReadAs<EventDetailResponse>();
        Assert.Equal(AttendeeStatus.Enrolled, Assert.Single(detail.Attendees).Status);
        Assert.Contains("Accepted", await UserTokens.GetOkAsync(browser, "/t/leicestershire/training"), StringComparison.Ordinal);
    }
}
