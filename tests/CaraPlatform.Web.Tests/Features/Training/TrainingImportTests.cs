using CaraPlatform.Web.Features.Training;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class TrainingImportTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Api = "/api/v1/national/training";

    [Fact]
    public async Task A_file_with_one_bad_row_imports_nothing_and_the_same_file_fixed_imports_everything()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var first = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var second = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        string File(string course) => $"""
            {TrainingImport.Header}
            training,{first.Email},2025-02-10,FacilitatorInitial,2025-03-01,trainer@hamptontrust.demo,,,
            training,{second.Email},2025-06-01,{course},2025-06-20,,,,
            supervision,{first.Email},2026-10-01,,,,Group,Sam Price,"Role play, then ""check-in"" review"
            supervision,{second.Email},2026-10-02,,,,Individual,Sam Price,
            """;

        var bad = new ImportRequest("history-2025.csv", File("FacilitatorRefresh"));
        var report = await (await trainer.PostJson($"{Api}/imports/dry-run", bad)).ReadAs<ImportReport>();
        var problem = Assert.Single(report.Problems);
        Assert.Equal(3, problem.Line);
        Assert.Contains("unknown course 'FacilitatorRefresh'", problem.Reason, StringComparison.Ordinal);

        var refused = await (await trainer.PostJson($"{Api}/imports", bad)).ProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal(3, refused.GetProperty("problems")[0].GetProperty("line").GetInt32());
        Assert.Empty((await PersonAsync(trainer, first.UserId)).Training);
        Assert.Empty((await PersonAsync(trainer, first.UserId)).Supervision);

        var imported = await (await trainer.PostJson($"{Api}/imports", new ImportRequest("history-2025.csv", File("FacilitatorRefresher")))).ReadAs<ImportReport>(HttpStatusCode.Created);
        Assert.Equal((2, 2), (imported.TrainingRecords, imported.SupervisionSessions));
        var person = await PersonAsync(trainer, first.UserId);
        var record = Assert.Single(person.Training);
        Assert.Equal((new DateOnly(2027, 2, 10), new DateOnly(2025, 3, 1)), (record.ExpiresOn, record.SignedOffOn));
        Assert.NotNull(record.SignedOffBy);
        Assert.Equal("Role play, then \"check-in\" review", Assert.Single(person.Supervision).Notes);
        Assert.Empty(person.CompetenceGaps);

        // The same file again: every row is now a duplicate.
        var again = await (await trainer.PostJson($"{Api}/imports/dry-run", new ImportRequest("history-2025.csv", File("FacilitatorRefresher")))).ReadAs<ImportReport>();
        Assert.Equal([2, 3, 4, 5], again.Problems.Select(p => p.Line));
        Assert.All(again.Problems, p => Assert.Contains("duplicate", p.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_dry_run_names_every_bad_row_and_its_reason()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var csv = $"""
            {TrainingImport.Header}
            training,nobody@example.org,2025-01-01,FacilitatorInitial,,,,,
            training,{person.Email},2025-02-30,FacilitatorInitial,,,,,
            training,{person.Email},2025-01-01,FacilitatorInitial,,,,,
            training,{person.Email},2025-01-01,FacilitatorInitial,,,,,
            supervision,{person.Email},2025-01-01,,,,Weekly,,
            course,{person.Email},2025-01-01,,,,,,
            """;
        var report = await (await trainer.PostJson($"{Api}/imports/dry-run", new ImportRequest("bad.csv", csv))).ReadAs<ImportReport>();
        Assert.Collection(report.Problems,
            p => Assert.Equal((2, "unknown email 'nobody@example.org'"), (p.Line, p.Reason)),
            p => Assert.Equal((3, "date '2025-02-30' is not a date (yyyy-MM-dd)"), (p.Line, p.Reason)),
            p => Assert.Equal((5, "duplicate: the same record is already held or earlier in the file"), (p.Line, p.Reason)),
            p => Assert.Equal(6, p.Line),
            p => Assert.Equal((7, "unknown type 'course' (training or supervision)"), (p.Line, p.Reason)));
        Assert.Contains("supervisor must be", report.Problems[3].Reason, StringComparison.Ordinal);

        var headerless = await (await trainer.PostJson($"{Api}/imports/dry-run", new ImportRequest("bad.csv", "email,course\n"))).ReadAs<ImportReport>();
        Assert.Equal(1, Assert.Single(headerless.Problems).Line);
    }

    private static async Task<PersonTrainingResponse> PersonAsync(HttpClient api, Guid userId) =>
        await (await api.GetAsync($"{Api}/people/{userId}")).ReadAs<PersonTrainingResponse>();
}
