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

    [Fact]
    public async Task A_trainer_records_training_signs_it_off_and_records_supervision_on_the_persons_page()
    {
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");
        var url = $"/national/training/people/{person.UserId}";
        var page = await UserTokens.GetOkAsync(browser, url);

        var future = await PostAsync(browser, page, $"{url}?handler=Record", Course("FacilitatorRefresher").Concat(Date("completedOn", new DateOnly(2027, 6, 1))));
        Assert.Equal(HttpStatusCode.OK, future.Status);
        Assert.Contains("must not be in the future", ErrorAt(future.Html, "completedOn"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Record",
            Course("FacilitatorRefresher").Concat(Date("completedOn", new DateOnly(2026, 11, 2))))).Status);
        page = await UserTokens.GetOkAsync(browser, url + "?done=recorded");
        Assert.Contains("id=\"sign-off\"", page, StringComparison.Ordinal);
        var record = Assert.Single((await RecordAsync(person.UserId)).Training);

        var tooLong = await PostAsync(browser, page, $"{url}?handler=SignOff&recordId={record.Id}", [new("Input.observedWorkshop", new string('x', 301))]);
        Assert.Contains("300", ErrorAt(tooLong.Html, "observedWorkshop"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=SignOff&recordId={record.Id}",
            [new("Input.observedWorkshop", "Dorset run, Workshop 2")])).Status);

        var noKind = await PostAsync(browser, page, $"{url}?handler=Supervision", Date("heldOn", new DateOnly(2026, 11, 20)));
        Assert.Contains("must not be empty", ErrorAt(noKind.Html, "kind"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Supervision",
            [.. Date("heldOn", new DateOnly(2026, 11, 20)), new("Input.kind", "Group"), new("Input.notes", "Went well")])).Status);

        var after = await RecordAsync(person.UserId);
        Assert.Equal("Dorset run, Workshop 2", Assert.Single(after.Training).ObservedWorkshop);
        Assert.Equal(SupervisionKind.Group, Assert.Single(after.Supervision).Kind);
        Assert.Empty(after.CompetenceGaps);
    }

    [Fact]
    public async Task A_quality_assurer_reads_a_persons_record_without_its_forms_and_cannot_post_them()
    {
        var person = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var qa = await UserTokens.SignedInBrowserAsync(fixture.Web, "qa@hamptontrust.demo");
        var url = $"/national/training/people/{person.UserId}";
        var page = await UserTokens.GetOkAsync(qa, url);
        Assert.DoesNotContain("id=\"record-button\"", page, StringComparison.Ordinal);
        var refused = await PostAsync(qa, page, $"{url}?handler=Record", Course("FacilitatorRefresher").Concat(Date("completedOn", new DateOnly(2026, 11, 2))));
        Assert.Contains("access-denied", refused.Location, StringComparison.Ordinal);
        Assert.Empty((await RecordAsync(person.UserId)).Training);
    }

    [Fact]
    public async Task A_trainer_schedules_an_event_answers_a_nomination_enrols_by_email_takes_attendance_and_completes_it()
    {
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");
        var form = await UserTokens.GetOkAsync(browser, "/national/training/events/new");
        var trainerId = await TrainingEventApiTests.TrainerIdAsync(fixture);
        List<KeyValuePair<string, string>> fields =
            [.. Course("FacilitatorRefresher"), .. Date("startsOn", today), .. Date("endsOn", today), new("Input.trainerUserId", trainerId.ToString()), new("Input.venue", "Bournemouth")];

        var noPlaces = await PostAsync(browser, form, "/national/training/events/new", [.. fields, new("Input.capacity", "0")]);
        Assert.Equal(HttpStatusCode.OK, noPlaces.Status);
        Assert.Contains("between 1 and 40", ErrorAt(noPlaces.Html, "capacity"), StringComparison.Ordinal);
        var scheduled = await PostAsync(browser, form, "/national/training/events/new", [.. fields, new("Input.capacity", "3")]);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.Status);
        var url = scheduled.Location.Split('?')[0];
        var eventId = Guid.Parse(url.Split('/')[^1]);
        Assert.Contains(url, await UserTokens.GetOkAsync(browser, "/national/training/events"), StringComparison.Ordinal);

        // A coordinator nominates; the Trainer declines one nomination and accepts the other.
        var coordinator = await TestPeople.MemberAsync(fixture, "dorset", TenantRole.Coordinator);
        var nominee = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var declined = await TestPeople.UntrainedFacilitatorAsync(fixture, "dorset");
        var tenantBrowser = await UserTokens.SignedInBrowserAsync(fixture.Web, coordinator.Email);
        var staffPage = await UserTokens.GetOkAsync(tenantBrowser, "/t/dorset/training");
        foreach (var person in new[] { nominee, declined })
        {
            using var nominated = await tenantBrowser.PostAsync("/t/dorset/training?handler=Nominate",
                UserTokens.Form(staffPage, [new("EventId", eventId.ToString()), new("UserId", person.UserId.ToString())]));
            Assert.Equal(HttpStatusCode.OK, nominated.StatusCode);
        }

        var page = await UserTokens.GetOkAsync(browser, url);
        Assert.Contains("Dorset", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Decide&userId={nominee.UserId}", [new("accept", "true")])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Decide&userId={declined.UserId}", [new("accept", "false")])).Status);

        var stranger = await PostAsync(browser, page, $"{url}?handler=Enrol", [new("Input.email", $"nobody-{Guid.NewGuid():N}@example.org")]);
        Assert.Contains("No one with that email has an account", ErrorAt(stranger.Html, "email"), StringComparison.Ordinal);
        var other = await TestPeople.UntrainedFacilitatorAsync(fixture, "norfolk");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Enrol", [new("Input.email", other.Email.ToUpperInvariant())])).Status);

        var notYet = await PostAsync(browser, page, $"{url}?handler=Complete", []);
        Assert.Contains("Attendance is not taken for everyone enrolled", notYet.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Attendance", [new("Input.attended", nominee.UserId.ToString())])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Complete", [])).Status);

        var done = await UserTokens.GetOkAsync(browser, url + "?done=completed");
        Assert.Contains("Completed", done, StringComparison.Ordinal);
        Assert.Contains("Declined", done, StringComparison.Ordinal);
        Assert.Contains("Absent", done, StringComparison.Ordinal);
        Assert.Equal(TrainingCourseKind.FacilitatorRefresher, Assert.Single((await RecordAsync(nominee.UserId)).Training).Course);
        Assert.Empty((await RecordAsync(other.UserId)).Training);
    }

    [Fact]
    public async Task A_licence_admin_cancels_an_event_with_a_reason()
    {
        var on = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(40);
        var scheduled = await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).PostJson("/api/v1/national/training/events",
            new ScheduleEventRequest(TrainingCourseKind.PoliceAwareness, on, on, await TrainingEventApiTests.TrainerIdAsync(fixture), null, 5)))
            .ReadAs<EventResponse>(HttpStatusCode.Created);
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");
        var url = $"/national/training/events/{scheduled.Id}";
        var page = await UserTokens.GetOkAsync(browser, url);
        Assert.Contains("Remote", page, StringComparison.Ordinal);

        var noReason = await PostAsync(browser, page, $"{url}?handler=Cancel", [new("Input.reason", " ")]);
        Assert.Contains("must not be empty", ErrorAt(noReason.Html, "reason"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(browser, page, $"{url}?handler=Cancel", [new("Input.reason", "The trainer is unwell")])).Status);
        var cancelled = await UserTokens.GetOkAsync(browser, url);
        Assert.Contains("Cancelled: The trainer is unwell", cancelled, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"cancel\"", cancelled, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_course_catalogue_lists_every_course_and_a_licence_admin_changes_one()
    {
        var qa = await UserTokens.SignedInBrowserAsync(fixture.Web, "qa@hamptontrust.demo");
        var list = await UserTokens.GetOkAsync(qa, "/national/training/courses");
        Assert.All(Enum.GetNames<TrainingCourseKind>(), kind => Assert.Contains($"data-course=\"{kind}\"", list, StringComparison.Ordinal));
        Assert.DoesNotContain("/national/training/courses/PoliceAwareness", list, StringComparison.Ordinal);

        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");
        Assert.Contains("/national/training/courses/PoliceAwareness", await UserTokens.GetOkAsync(admin, "/national/training/courses"), StringComparison.Ordinal);
        var url = "/national/training/courses/PoliceAwareness";
        var form = await UserTokens.GetOkAsync(admin, url);
        // Other tests compute expiries from the shared catalogue: the change saved is the course as it stands.
        var course = (await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).GetAsync("/api/v1/national/training/courses"))
            .ReadAs<List<CourseResponse>>()).Single(c => c.Kind == TrainingCourseKind.PoliceAwareness);
        Assert.Contains($"value=\"{course.ValidityMonths}\"", form, StringComparison.Ordinal);

        var tooLong = await PostAsync(admin, form, url, [new("Input.name", course.Name), new("Input.validityMonths", "121")]);
        Assert.Contains("between 1 and 120", ErrorAt(tooLong.Html, "validityMonths"), StringComparison.Ordinal);
        var saved = await PostAsync(admin, form, url, [new("Input.name", course.Name), new("Input.validityMonths", $"{course.ValidityMonths}")]);
        Assert.Equal("/national/training/courses?done=saved", saved.Location);
    }

    private static IEnumerable<KeyValuePair<string, string>> Course(string course) => [new("Input.course", course)];

    private static IEnumerable<KeyValuePair<string, string>> Date(string key, DateOnly date) =>
        [new($"Input.{key}.day", $"{date.Day}"), new($"Input.{key}.month", $"{date.Month}"), new($"Input.{key}.year", $"{date.Year}")];

    /// <summary>The error message shown at a field (GOV.UK: above its input), asserting there is one.</summary>
    private static string ErrorAt(string html, string key)
    {
        var start = html.IndexOf($"id=\"f-{key}-error\"", StringComparison.Ordinal);
        Assert.True(start > 0, $"no error at {key}");
        return html[start..html.IndexOf("</p>", start, StringComparison.Ordinal)];
    }

    private static async Task<(HttpStatusCode Status, string Html, string Location)> PostAsync(
        HttpClient browser, string page, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var response = await browser.PostAsync(url, UserTokens.Form(page, fields));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString() ?? "");
    }

    private async Task<PersonTrainingResponse> RecordAsync(Guid userId) =>
        await (await (await fixture.PersonApiAsync("trainer@hamptontrust.demo")).GetAsync($"/api/v1/national/training/people/{userId}")).ReadAs<PersonTrainingResponse>();
}
