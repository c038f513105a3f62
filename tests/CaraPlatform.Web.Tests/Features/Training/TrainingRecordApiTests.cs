using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class TrainingRecordApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Api = "/api/v1/national/training";

    [Fact]
    public async Task A_refresher_recorded_and_signed_off_by_a_Trainer_makes_a_facilitator_competent()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var facilitator = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var before = await (await trainer.GetAsync($"{Api}/people/{facilitator.UserId}")).ReadAs<PersonTrainingResponse>();
        Assert.Contains(before.CompetenceGaps, g => g.Code == FacilitatorCompetence.NoTraining);
        Assert.Contains("Dorset", string.Join(",", before.Tenants), StringComparison.OrdinalIgnoreCase);

        var completedOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-10);
        var record = await (await trainer.PostRawJson($"{Api}/records",
            $$"""{ "userId": "{{facilitator.UserId}}", "course": "FacilitatorRefresher", "completedOn": "{{completedOn:yyyy-MM-dd}}", "eventId": null }"""))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        Assert.Equal(completedOn.AddMonths(24), record.ExpiresOn);
        Assert.Null(record.SignedOffBy);

        var signed = await (await trainer.PostRawJson($"{Api}/records/{record.Id}/sign-off", """{ "observedWorkshop": "Poole run, Workshop 2" }"""))
            .ReadAs<TrainingRecordResponse>();
        Assert.NotNull(signed.SignedOffBy);
        Assert.Equal("Poole run, Workshop 2", signed.ObservedWorkshop);
        await (await trainer.PostRawJson($"{Api}/records/{record.Id}/sign-off", "{}")).ProblemAsync(HttpStatusCode.Conflict);

        var after = await (await trainer.GetAsync($"{Api}/people/{facilitator.UserId}")).ReadAs<PersonTrainingResponse>();
        Assert.Empty(after.CompetenceGaps);
        Assert.Equal(completedOn.AddMonths(3), after.NextSupervisionDue);
    }

    [Fact]
    public async Task A_LicenceAdmin_records_training_but_only_a_Trainer_signs_it_off()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var record = await (await licenceAdmin.PostJson($"{Api}/records", new RecordTrainingRequest(person.UserId, TrainingCourseKind.FacilitatorInitial, new DateOnly(2026, 1, 5), null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.Forbidden, (await licenceAdmin.PostJson($"{Api}/records/{record.Id}/sign-off", new SignOffRequest(null))).StatusCode);

        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var coordinatorCourse = await (await trainer.PostJson($"{Api}/records", new RecordTrainingRequest(person.UserId, TrainingCourseKind.CoordinatorInduction, new DateOnly(2026, 1, 5), null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        await (await trainer.PostJson($"{Api}/records/{coordinatorCourse.Id}/sign-off", new SignOffRequest(null))).ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Bad_records_are_refused_naming_the_field()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var problem = await (await trainer.PostRawJson($"{Api}/records",
            $$"""{ "userId": "{{Guid.NewGuid()}}", "course": "FacilitatorRefresher", "completedOn": "2026-01-01" }""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("userId"));
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        problem = await (await trainer.PostRawJson($"{Api}/records",
            $$"""{ "userId": "{{person.UserId}}", "course": "FacilitatorRefresher", "completedOn": "2999-01-01" }""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("completedOn"));
        problem = await (await trainer.PostRawJson($"{Api}/records",
            $$"""{ "userId": "{{person.UserId}}", "course": "Juggling", "completedOn": "2026-01-01" }""")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("course"));
    }

    [Fact]
    public async Task Supervision_is_recorded_and_sets_when_the_next_is_due()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var session = await (await trainer.PostRawJson($"{Api}/supervisions",
            $$"""{ "userId": "{{person.UserId}}", "heldOn": "2026-11-02", "kind": "Group", "notes": "Discussed minimisation in Workshop 1." }"""))
            .ReadAs<SupervisionResponse>(HttpStatusCode.Created);
        Assert.Equal(SupervisionKind.Group, session.Kind);
        Assert.False(string.IsNullOrEmpty(session.SupervisorName));

        var record = await (await trainer.GetAsync($"{Api}/people/{person.UserId}")).ReadAs<PersonTrainingResponse>();
        Assert.Equal(new DateOnly(2027, 2, 2), record.NextSupervisionDue);
        Assert.Equal("Discussed minimisation in Workshop 1.", Assert.Single(record.Supervision).Notes);
        Assert.DoesNotContain(record.CompetenceGaps, g => g.Code == FacilitatorCompetence.SupervisionOverdue);
    }

    [Fact]
    public async Task A_LicenceAdmin_changes_a_courses_validity_and_existing_records_keep_their_expiry()
    {
        var licenceAdmin = await fixture.PersonApiAsync("licence-admin@hamptontrust.demo");
        var person = await TestPeople.MemberAsync(fixture, "dorset", TenantRole.VictimContactWorker);
        var before = await (await licenceAdmin.PostJson($"{Api}/records", new RecordTrainingRequest(person.UserId, TrainingCourseKind.PoliceAwareness, new DateOnly(2026, 3, 1), null)))
            .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
        var courses = await (await licenceAdmin.GetAsync($"{Api}/courses")).ReadAs<List<CourseResponse>>();
        var course = Assert.Single(courses, c => c.Kind == TrainingCourseKind.PoliceAwareness);
        try
        {
            var changed = await (await licenceAdmin.PutAsJsonAsync($"{Api}/courses/PoliceAwareness", new UpdateCourseRequest("Police awareness", 12), HttpExtensions.Json))
                .ReadAs<CourseResponse>();
            Assert.Equal(12, changed.ValidityMonths);
            var after = await (await licenceAdmin.PostJson($"{Api}/records", new RecordTrainingRequest(person.UserId, TrainingCourseKind.PoliceAwareness, new DateOnly(2026, 3, 1), null)))
                .ReadAs<TrainingRecordResponse>(HttpStatusCode.Created);
            Assert.Equal(new DateOnly(2027, 3, 1), after.ExpiresOn);
            var record = await (await licenceAdmin.GetAsync($"{Api}/people/{person.UserId}")).ReadAs<PersonTrainingResponse>();
            Assert.Contains(record.Training, r => r.Id == before.Id && r.ExpiresOn == before.ExpiresOn);

            var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
            Assert.Equal(HttpStatusCode.Forbidden, (await trainer.PutAsJsonAsync($"{Api}/courses/PoliceAwareness", new UpdateCourseRequest("x", 1), HttpExtensions.Json)).StatusCode);
        }
        finally
        {
            await licenceAdmin.PutAsJsonAsync($"{Api}/courses/PoliceAwareness", new UpdateCourseRequest(course.Name, course.ValidityMonths), HttpExtensions.Json);
        }
    }
}
