namespace CaraPlatform.Web.Tests.Features.Workshops;

/// <summary>The workshop pages over HTTP, in norfolk with people of the tests' own (leicestershire belongs to the API's workshop tests).</summary>
public sealed partial class WorkshopPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "norfolk";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_calendar_shows_each_runs_seats_left_and_marks_a_cancelled_run()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, Today.AddDays(22), first.UserId, second.UserId, capacity: 3);
        await WorkshopApi.BookAsync(api, Tenant, run, await WorkshopApi.EligibleAsync(api, Tenant));
        var cancelled = await WorkshopApi.ScheduleAsync(api, Tenant, Today.AddDays(23), first.UserId, second.UserId, capacity: 4);
        (await api.PostJson($"{WorkshopApi.Runs(Tenant)}/{cancelled.Id}/cancel", new CancelRequest("Venue flooded", cancelled.Version))).EnsureSuccessStatusCode();

        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));
        var calendar = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs");
        Assert.Matches($"id=\"run-{run.Id}\"[\\s\\S]*?2 of 3 seats left", calendar);
        Assert.Matches($"id=\"run-{cancelled.Id}\"[\\s\\S]*?Cancelled", calendar);
        Assert.Contains(UkDate(run.Workshop1.Date), calendar, StringComparison.Ordinal);
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, calendar, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_schedule_form_names_each_breach_beside_its_field_and_schedules_a_valid_run()
    {
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));
        var form = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs/new");
        Assert.Contains("value=\"10:00\"", form, StringComparison.Ordinal); // the tenant's default times
        Assert.Contains($"value=\"{first.UserId}\"", form, StringComparison.Ordinal); // the tenant's facilitators to choose from
        var venue = (await (await (await fixture.ApiClientAsync(Tenant)).GetAsync($"/api/v1/tenants/{Tenant}/venues")).ReadAs<List<VenueResponse>>()).First(v => v.IsActive);

        var fields = new Dictionary<string, string>
        {
            ["Input.cohort"] = "IpvMale",
            ["Input.language"] = "en",
            ["Input.capacity"] = "10",
            ["Input.workshop1.startTime"] = "10:00",
            ["Input.workshop1.endTime"] = "15:00",
            ["Input.workshop2.startTime"] = "10:00",
            ["Input.workshop2.endTime"] = "15:00",
            ["Input.delivery"] = "Venue",
            ["Input.venueId"] = venue.Id.ToString(),
            ["Input.meetingLink"] = "",
            ["Input.facilitatorIds[0]"] = first.UserId.ToString(),
            ["Input.facilitatorIds[1]"] = first.UserId.ToString(), // the same person twice
        };
        DateFields(fields, "workshop1.date", Today.AddDays(30));
        DateFields(fields, "workshop2.date", Today.AddDays(40)); // only 10 days after Workshop 1
        using var refused = await coordinator.PostAsync($"/t/{Tenant}/runs/new", UserTokens.Form(form, fields));
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("id=\"f-workshop2-date-error\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"f-facilitatorIds-0-error\"", page, StringComparison.Ordinal); // the pair's error, at the first of the two
        Assert.Contains("href=\"#f-facilitatorIds-0\"", page, StringComparison.Ordinal); // ... linked from the error summary

        // Each date is typed as day, month and year; a day the month does not have is named at its field.
        fields["Input.workshop1.date.day"] = "31";
        fields["Input.workshop1.date.month"] = "2";
        using var unreal = await coordinator.PostAsync($"/t/{Tenant}/runs/new", UserTokens.Form(page, fields));
        page = await unreal.Content.ReadAsStringAsync();
        Assert.Matches("id=\"f-workshop1-date-error\"[^>]*>[\\s\\S]*?Date must be a real date", page);
        Assert.DoesNotContain("must not be empty", page, StringComparison.Ordinal); // the binder's message alone, not its consequence
        Assert.Contains("name=\"Input.workshop1.date.day\" type=\"text\" inputmode=\"numeric\" value=\"31\"", page, StringComparison.Ordinal); // kept as typed

        DateFields(fields, "workshop1.date", Today.AddDays(30));
        DateFields(fields, "workshop2.date", Today.AddDays(58));
        fields["Input.facilitatorIds[1]"] = second.UserId.ToString();
        using var scheduled = await coordinator.PostAsync($"/t/{Tenant}/runs/new", UserTokens.Form(page, fields));
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        var detail = await UserTokens.GetOkAsync(coordinator, scheduled.Headers.Location!.ToString());
        Assert.Contains("The run is scheduled.", detail, StringComparison.Ordinal);
        Assert.Contains("10 of 10 seats left", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_book_page_lists_only_runs_that_fit_shows_refusals_and_books_back_to_the_referral()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var fits = await WorkshopApi.ScheduleAsync(api, Tenant, Today.AddDays(24), first.UserId, second.UserId);
        var full = await WorkshopApi.ScheduleAsync(api, Tenant, Today.AddDays(25), first.UserId, second.UserId, capacity: 1);
        await WorkshopApi.BookAsync(api, Tenant, full, await WorkshopApi.EligibleAsync(api, Tenant));
        var otherCohort = await WorkshopApi.ScheduleAsync(api, Tenant, Today.AddDays(26), first.UserId, second.UserId, cohort: Cohort.NonIpvMale);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant);

        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));
        var detail = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/referrals/{referral.Id}");
        Assert.Contains($"href=\"/t/{Tenant}/referrals/{referral.Id}/book\"", detail, StringComparison.Ordinal);
        var book = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/referrals/{referral.Id}/book");
        Assert.Contains($"data-run-id=\"{fits.Id}\"", book, StringComparison.Ordinal);
        Assert.DoesNotContain(full.Id.ToString(), book, StringComparison.Ordinal);
        Assert.DoesNotContain(otherCohort.Id.ToString(), book, StringComparison.Ordinal);
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, book, StringComparison.OrdinalIgnoreCase);

        // A run that does not fit (posted by hand, or changed since the page was read) is refused with the reasons.
        using var mismatch = await coordinator.PostAsync($"/t/{Tenant}/referrals/{referral.Id}/book",
            UserTokens.Form(book, new Dictionary<string, string> { ["runId"] = otherCohort.Id.ToString() }));
        Assert.Equal(HttpStatusCode.Conflict, mismatch.StatusCode);
        Assert.Contains("this run is for NonIpvMale", await mismatch.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var noSeat = await coordinator.PostAsync($"/t/{Tenant}/referrals/{referral.Id}/book",
            UserTokens.Form(book, new Dictionary<string, string> { ["runId"] = full.Id.ToString() }));
        Assert.Equal(HttpStatusCode.Conflict, noSeat.StatusCode);
        Assert.Contains("All 1 places on the run are taken.", await noSeat.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var booked = await coordinator.PostAsync($"/t/{Tenant}/referrals/{referral.Id}/book",
            UserTokens.Form(book, new Dictionary<string, string> { ["runId"] = fits.Id.ToString() }));
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal($"/t/{Tenant}/referrals/{referral.Id}?done=Book", booked.Headers.Location!.ToString());
        var after = await UserTokens.GetOkAsync(coordinator, booked.Headers.Location!.ToString());
        AssertReferralPage(after, "Booked", "Booked");
    }

    [Fact]
    public async Task The_run_page_lists_participants_and_each_letter_link_serves_the_pdf()
    {
        var (run, referral, booking, _, _) = await WorkshopApi.BookedRunAsync(fixture, Tenant, Today.AddDays(27));

        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));
        var page = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs/{run.Id}");
        Assert.Contains(referral.PoliceReference, page, StringComparison.Ordinal);
        Assert.Contains("Daniel Marsh", page, StringComparison.Ordinal);
        foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, page, StringComparison.OrdinalIgnoreCase);
        var letter = LetterLink().Match(page);
        Assert.True(letter.Success, "no letter link");
        Assert.Contains(booking.Id.ToString(), letter.Groups[1].Value, StringComparison.Ordinal);

        using var pdf = await coordinator.GetAsync(WebUtility.HtmlDecode(letter.Groups[1].Value));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));

        // A booking of another run is not this run's to print.
        using var elsewhere = await coordinator.GetAsync($"/t/{Tenant}/runs/{Guid.CreateVersion7()}?handler=Letter&bookingId={booking.Id}");
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
    }

    [Fact]
    public async Task The_register_is_for_the_runs_own_facilitators_403_for_another_facilitator_404_for_another_tenant()
    {
        var (run, referral, _, first, _) = await WorkshopApi.BookedRunAsync(fixture, Tenant, Today.AddDays(28));
        var url = $"/t/{Tenant}/runs/{run.Id}/register/Workshop1";

        var own = await SignedInAsync(first);
        var register = await UserTokens.GetOkAsync(own, url);
        Assert.Contains("id=\"register-not-open\"", register, StringComparison.Ordinal);
        Assert.Contains("The register opens at", register, StringComparison.Ordinal);
        var mine = await UserTokens.GetOkAsync(own, $"/t/{Tenant}/my-workshops");
        Assert.Contains($"href=\"{url}\"", mine, StringComparison.Ordinal);
        foreach (var page in new[] { register, mine })
            foreach (var value in ReferralApi.VictimValues) Assert.DoesNotContain(value, page, StringComparison.OrdinalIgnoreCase);

        var other = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator));
        using var forbidden = await other.GetAsync(url);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.DoesNotContain(referral.PoliceReference, await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var otherPage = await UserTokens.GetOkAsync(other, $"/t/{Tenant}/my-workshops");
        Assert.DoesNotContain(run.Id.ToString(), otherPage, StringComparison.Ordinal);
        var tokenPage = await UserTokens.GetOkAsync(other, "/account/password"); // a form of theirs, for an antiforgery token of their own
        using var forbiddenPost = await other.PostAsync(url, UserTokens.Form(tokenPage, new Dictionary<string, string> { [$"mark-{referral.Id}"] = "Attended" }));
        Assert.Equal(HttpStatusCode.Forbidden, forbiddenPost.StatusCode);
        using var feedback = await other.GetAsync($"/t/{Tenant}/runs/{run.Id}/feedback/{referral.Id}");
        Assert.Equal(HttpStatusCode.Forbidden, feedback.StatusCode);

        var elsewhere = await SignedInAsync(await TestPeople.MemberAsync(fixture, "dorset", TenantRole.Facilitator));
        using var notFound = await elsewhere.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        using var notFoundOwnTenant = await elsewhere.GetAsync($"/t/dorset/runs/{run.Id}/register/Workshop1");
        Assert.Equal(HttpStatusCode.NotFound, notFoundOwnTenant.StatusCode);
    }

    [Fact]
    public async Task The_edit_form_refuses_a_stale_version_and_the_cancel_form_needs_a_reason_then_frees_the_booking()
    {
        var (run, referral, _, first, second) = await WorkshopApi.BookedRunAsync(fixture, Tenant, Today.AddDays(29));
        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));

        var edit = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs/{run.Id}/edit");
        var stale = EditVersionField().Match(edit).Groups[1].Value;
        Assert.NotEmpty(stale);
        var fields = new Dictionary<string, string>
        {
            ["Input.version"] = stale,
            ["Input.cohort"] = "IpvMale",
            ["Input.language"] = "en",
            ["Input.capacity"] = "5",
            ["Input.workshop1.startTime"] = "10:00",
            ["Input.workshop1.endTime"] = "15:00",
            ["Input.workshop2.startTime"] = "10:00",
            ["Input.workshop2.endTime"] = "15:00",
            ["Input.delivery"] = "Venue",
            ["Input.venueId"] = run.Venue!.Id.ToString(),
            ["Input.meetingLink"] = "",
            ["Input.facilitatorIds[0]"] = first.UserId.ToString(),
            ["Input.facilitatorIds[1]"] = second.UserId.ToString(),
        };
        DateFields(fields, "workshop1.date", run.Workshop1.Date);
        DateFields(fields, "workshop2.date", run.Workshop2.Date);
        Assert.Contains($"value=\"{run.Venue.Id}\" selected>", edit, StringComparison.Ordinal); // starts from the run as it is
        Assert.Contains($"name=\"Input.workshop2.date.day\" type=\"text\" inputmode=\"numeric\" value=\"{run.Workshop2.Date.Day}\"", edit, StringComparison.Ordinal);
        using var saved = await coordinator.PostAsync($"/t/{Tenant}/runs/{run.Id}/edit", UserTokens.Form(edit, fields));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("4 of 5 seats left", await UserTokens.GetOkAsync(coordinator, saved.Headers.Location!.ToString()), StringComparison.Ordinal);
        using var again = await coordinator.PostAsync($"/t/{Tenant}/runs/{run.Id}/edit", UserTokens.Form(edit, fields));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Someone else changed this run", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var detail = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs/{run.Id}");
        var version = VersionField().Match(detail).Groups[1].Value;
        using var noReason = await coordinator.PostAsync($"/t/{Tenant}/runs/{run.Id}?handler=Cancel",
            UserTokens.Form(detail, new Dictionary<string, string> { ["version"] = version, ["reason"] = "" }));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("id=\"run-errors\"", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var cancelled = await coordinator.PostAsync($"/t/{Tenant}/runs/{run.Id}?handler=Cancel",
            UserTokens.Form(detail, new Dictionary<string, string> { ["version"] = version, ["reason"] = "Both facilitators unwell" }));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("Both facilitators unwell", await UserTokens.GetOkAsync(coordinator, cancelled.Headers.Location!.ToString()), StringComparison.Ordinal);
        var referralPage = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/referrals/{referral.Id}");
        AssertReferralPage(referralPage, "Eligible", "Cancelled");
    }

    [Fact]
    public async Task A_coordinator_cancels_one_booking_from_the_run_page_and_the_referral_goes_back_to_be_booked()
    {
        var (run, referral, booking, _, _) = await WorkshopApi.BookedRunAsync(fixture, Tenant, Today.AddDays(18));
        var coordinator = await SignedInAsync(await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator));

        var detail = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/runs/{run.Id}");
        using var cancelled = await coordinator.PostAsync($"/t/{Tenant}/runs/{run.Id}?handler=CancelBooking", UserTokens.Form(detail, new Dictionary<string, string>
        {
            ["bookingId"] = booking.Id.ToString(),
            ["bookingVersion"] = booking.Version.ToString(CultureInfo.InvariantCulture),
            ["reason"] = "Moved out of the area",
        }));

        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        var after = await UserTokens.GetOkAsync(coordinator, cancelled.Headers.Location!.ToString());
        Assert.Contains("The booking is cancelled", after, StringComparison.Ordinal);
        Assert.Contains("12 of 12 seats left", after, StringComparison.Ordinal);
        var referralPage = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/referrals/{referral.Id}");
        Assert.Matches("id=\"referral-status\"[^>]*>Eligible<", referralPage);
        Assert.Contains("Moved out of the area", referralPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_names_whoever_is_left_unmarked_records_all_at_once_and_then_reads_only()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var workshop1 = Today.AddDays(30);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, workshop1, first.UserId, second.UserId);
        var attends = await WorkshopApi.EligibleAsync(api, Tenant);
        var late = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, run, attends);
        await WorkshopApi.BookAsync(api, Tenant, run, late);

        using var host = new FakeClockHost(fixture);
        host.Clock.SetUtcNow(CaraPlatform.Domain.Common.UkCalendar.At(workshop1, new TimeOnly(10, 30)));
        var facilitator = UserTokens.Browser(host.Web);
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(facilitator, second.Email, DemoSeed.Password)).StatusCode);
        var url = $"/t/{Tenant}/runs/{run.Id}/register/Workshop1";
        var form = await UserTokens.GetOkAsync(facilitator, url);
        Assert.Contains("id=\"register-form\"", form, StringComparison.Ordinal);

        using var partial = await facilitator.PostAsync(url, UserTokens.Form(form, new Dictionary<string, string> { [$"mark-{attends.Id}"] = "Attended" }));
        var refused = await partial.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Contains($"id=\"mark-{late.Id}-error\"", refused, StringComparison.Ordinal); // named at their choices
        Assert.Contains($"href=\"#mark-{late.Id}\"", refused, StringComparison.Ordinal); // ... and linked from the error summary
        Assert.DoesNotContain($"id=\"mark-{attends.Id}-error\"", refused, StringComparison.Ordinal);
        Assert.Contains($"name=\"mark-{attends.Id}\" value=\"Attended\" checked=\"checked\"", refused, StringComparison.Ordinal); // kept

        using var recorded = await facilitator.PostAsync(url, UserTokens.Form(refused, new Dictionary<string, string>
        {
            [$"mark-{attends.Id}"] = "Attended",
            [$"mark-{late.Id}"] = "LateRefusedEntry",
            [$"note-{late.Id}"] = "Arrived 10:25",
        }));
        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        var marks = WebUtility.HtmlDecode(await UserTokens.GetOkAsync(facilitator, recorded.Headers.Location!.ToString()));
        Assert.DoesNotContain("id=\"register-form\"", marks, StringComparison.Ordinal);
        Assert.Contains("Late – refused entry", marks, StringComparison.Ordinal);
        Assert.Contains("Arrived 10:25", marks, StringComparison.Ordinal);
        Assert.Contains("Non-compliant", marks, StringComparison.Ordinal);

        var workshop2 = await UserTokens.GetOkAsync(facilitator, $"/t/{Tenant}/runs/{run.Id}/register/Workshop2");
        Assert.Contains("The register opens at", workshop2, StringComparison.Ordinal);
        var feedback = await UserTokens.GetOkAsync(facilitator, $"/t/{Tenant}/runs/{run.Id}/feedback/{late.Id}");
        Assert.Contains("Feedback is for participants who completed Workshop 2", feedback, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"feedback-form\"", feedback, StringComparison.Ordinal);
    }

    /// <summary>
    /// The referral page shows the referral's <paramref name="status"/> and a booking <paramref name="booking"/>, and
    /// offers the link to book exactly when the referral is eligible for booking.
    /// </summary>
    private static void AssertReferralPage(string page, string status, string booking)
    {
        Assert.Matches($"id=\"referral-status\"[^>]*>{status}<", page);
        Assert.Matches($"id=\"referral-bookings\"[\\s\\S]*?{booking}", page);
        Assert.Equal(status == "Eligible", page.Contains("id=\"book-link\"", StringComparison.Ordinal));
    }

    private static string UkDate(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    /// <summary>A date as the form's three boxes post it.</summary>
    private static void DateFields(Dictionary<string, string> fields, string key, DateOnly date)
    {
        fields[$"Input.{key}.day"] = date.Day.ToString(CultureInfo.InvariantCulture);
        fields[$"Input.{key}.month"] = date.Month.ToString(CultureInfo.InvariantCulture);
        fields[$"Input.{key}.year"] = date.Year.ToString(CultureInfo.InvariantCulture);
    }

    private Task<HttpClient> SignedInAsync(TestPerson person) => UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);

    [GeneratedRegex("name=\"version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("name=\"Input.version\" value=\"([0-9]+)\"")]
    private static partial Regex EditVersionField();

    [GeneratedRegex("class=\"[^\"]*letter-link[^\"]*\" href=\"([^\"]+)\"")]
    private static partial Regex LetterLink();
}
