using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training;

namespace CaraPlatform.Web.Tests.Features.Training;

public sealed class TrainingPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_persons_record_page_shows_training_and_supervision_notes_to_licence_holder_staff()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        await (await trainer.PostJson("/api/v1/national/training/supervisions",
            new RecordSupervisionRequest(person.UserId, new DateOnly(2026, 11, 2), SupervisionKind.Individual, "Sam Price", "Notes for the licence holder"))).ReadAs<SupervisionResponse>(HttpStatusCode.Created);

        var qa = await UserTokens.SignedInBrowserAsync(fixture.Web, "qa@hamptontrust.demo");
        var page = await UserTokens.GetOkAsync(qa, $"/national/training/people/{person.UserId}");
        Assert.Contains("Notes for the licence holder", page, StringComparison.Ordinal);
        Assert.Contains("has no facilitator training on record", page, StringComparison.Ordinal);
        Assert.Contains("2 February 2027", page, StringComparison.Ordinal);
        Assert.Contains(person.Email, await UserTokens.GetOkAsync(qa, $"/national/training?search={person.Email}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_import_page_reports_bad_rows_as_a_table_then_imports_a_good_file_on_confirmation()
    {
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");
        var form = await UserTokens.GetOkAsync(browser, "/national/training/import");

        async Task<string> CheckAsync(string csv)
        {
            using var content = new MultipartFormDataContent
            {
                { new StringContent(UserTokens.AntiforgeryToken(form)), "__RequestVerificationToken" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "Upload", "history.csv" },
            };
            using var response = await browser.PostAsync("/national/training/import?handler=Check", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        var bad = await CheckAsync($"{TrainingImport.Header}\ntraining,{person.Email},2025-01-01,Knitting,,,,,\n");
        Assert.Contains("id=\"problems\"", bad, StringComparison.Ordinal);
        Assert.Contains("unknown course &#x27;Knitting&#x27;", bad, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"confirm\"", bad, StringComparison.Ordinal);

        var good = await CheckAsync($"{TrainingImport.Header}\ntraining,{person.Email},2025-01-01,FacilitatorInitial,2025-01-20,,,,\n");
        Assert.Contains("id=\"confirm\"", good, StringComparison.Ordinal);
        using var imported = await browser.PostAsync("/national/training/import?handler=Import", UserTokens.Form(good,
            [new("FileName", "history.csv"), new("Csv", $"{TrainingImport.Header}\ntraining,{person.Email},2025-01-01,FacilitatorInitial,2025-01-20,,,,\n")]));
        Assert.Contains("id=\"imported\"", await imported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var record = await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).GetAsync($"/api/v1/national/training/people/{person.UserId}"))
            .ReadAs<PersonTrainingResponse>();
        Assert.Equal(new DateOnly(2027, 1, 1), Assert.Single(record.Training).ExpiresOn);
    }
}
