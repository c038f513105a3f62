namespace CaraPlatform.Web.Tests.Portal;

/// <summary>
/// Every form of the portal's pages, read from the rendered HTML and posted back with every field empty, with
/// control characters and with dates beyond CARA's centuries: a refusal is fine, a 500 never is. Fields are blanked
/// (hidden ids too), so that no post changes anything the tests share.
/// </summary>
public sealed partial class PortalFormInputTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "thames-valley";

    [Fact]
    public async Task Every_form_answers_empty_fields_control_characters_and_extreme_dates_without_a_500()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (run, booked, _, first, second) = await WorkshopApi.BookedRunAsync(fixture, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21));
        var eligible = await WorkshopApi.EligibleAsync(api, Tenant);
        var received = await ReferralApi.CreateAsync(api, Tenant);
        var toScreen = await ReferralApi.CreateAsync(api, Tenant);
        var screening = await ReferralApi.MoveAsync(api, Tenant, toScreen, "start-screening", new CaraPlatform.Web.Features.Referrals.VersionRequest(toScreen.Version));

        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin)).Email);
        var spoc = await UserTokens.SignedInBrowserAsync(fixture.Web, (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ForceSpoc)).Email);
        var invitation = await InvitationLinkAsync(admin);
        var pages = new (HttpClient Browser, string Url)[]
        {
            (UserTokens.Browser(fixture.Web), "/"),
            (UserTokens.Browser(fixture.Web), invitation),
            (admin, "/account/password"),
            (admin, "/account/two-factor"),
            (admin, $"/t/{Tenant}/admin/clients"),
            (admin, $"/t/{Tenant}/admin/members"),
            (admin, $"/t/{Tenant}/referrals/new"),
            (admin, $"/t/{Tenant}/referrals/{received.Id}"),
            (admin, $"/t/{Tenant}/referrals/{screening.Id}/screen"),
            (admin, $"/t/{Tenant}/referrals/{eligible.Id}/book"),
            (admin, $"/t/{Tenant}/runs/new"),
            (admin, $"/t/{Tenant}/runs/{run.Id}"),
            (admin, $"/t/{Tenant}/runs/{run.Id}/edit"),
            (spoc, $"/t/{Tenant}/referrals/{received.Id}"),
        };

        var failures = new List<string>();
        foreach (var (browser, url) in pages)
        {
            var page = await UserTokens.GetOkAsync(browser, url);
            var forms = PostForms(page, url);
            if (forms.Count == 0) failures.Add($"{url}: no form to post");
            foreach (var (action, fields, dates, values) in forms)
            {
                async Task<HttpResponseMessage> PostAsync(Func<string, string> value) =>
                    await browser.PostAsync(action, UserTokens.Form(page, fields.Select(f => new KeyValuePair<string, string>(f, value(f)))));

                var empty = await PostAsync(_ => "");
                if ((int)empty.StatusCode >= 500) failures.Add($"{action} with every field empty: {(int)empty.StatusCode}");
                if (fields.Count == 0) continue;

                var control = await PostAsync(_ => "x\u0001y");
                if (control.StatusCode != HttpStatusCode.BadRequest
                    || !(await control.ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys.Any(fields.Contains))
                    failures.Add($"{action} with a control character: {(int)control.StatusCode}, expected 400 naming a field");

                var nul = await PostAsync(_ => "x\0y");
                if (nul.StatusCode != HttpStatusCode.BadRequest) failures.Add($"{action} with a NUL: {(int)nul.StatusCode}, expected 400");

                foreach (var extreme in dates.Count > 0 ? [(1, 1, 1), (31, 12, 9999), (31, 2, 2026)] : Array.Empty<(int, int, int)>())
                {
                    var response = await PostAsync(f => DatePart(f, dates, extreme) ?? "");
                    if ((int)response.StatusCode >= 500) failures.Add($"{action} with dates of {extreme}: {(int)response.StatusCode}");
                }

                // Each date alone set to 31 February, the form otherwise as shown: the page comes back naming it at the field.
                foreach (var date in dates)
                {
                    var response = await browser.PostAsync(action, UserTokens.Form(page, fields.Select(f =>
                        new KeyValuePair<string, string>(f, DatePart(f, [date], (31, 2, 2026)) ?? (values.TryGetValue(f, out var v) ? v : "")))));
                    var answer = await response.Content.ReadAsStringAsync();
                    var id = "f-" + (date.StartsWith("Input.", StringComparison.Ordinal) ? date["Input.".Length..] : date).Replace('.', '-');
                    if (!Regex.IsMatch(answer, $"id=\"{id}-error\" class=\"govuk-error-message\">.*must be a real date", RegexOptions.Singleline))
                        failures.Add($"{action}: 31/02 in {date} answered {(int)response.StatusCode} without the message at the field: {answer[..Math.Min(answer.Length, 300)]}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>The value of a date's day, month or year box, for the dates named; null for any other field.</summary>
    private static string? DatePart(string field, IReadOnlyCollection<string> dates, (int Day, int Month, int Year) date) =>
        dates.FirstOrDefault(d => field.StartsWith(d + ".", StringComparison.Ordinal)) is { } name
            ? field[(name.Length + 1)..] switch { "day" => $"{date.Day}", "month" => $"{date.Month}", _ => $"{date.Year:D4}" }
            : null;

    [Fact]
    public async Task The_referral_list_names_a_filter_date_out_of_bounds_instead_of_failing()
    {
        var coordinator = await UserTokens.SignedInBrowserAsync(fixture.Web, (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator)).Email);
        foreach (var (query, label) in new[] { ("receivedTo=9999-12-31", "Received to"), ("receivedFrom=0001-01-01", "Received from") })
        {
            var page = await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}/referrals?{query}");
            Assert.Contains($"{label} must be a date from", page, StringComparison.Ordinal);
            Assert.Contains($"href=\"#f-{query.Split('=')[0]}\"", page, StringComparison.Ordinal);
        }

        using var nul = await coordinator.GetAsync($"/t/{Tenant}/referrals?policeReference=%00");
        Assert.Contains("policeReference", (await nul.ProblemAsync(HttpStatusCode.BadRequest)).Errors().Keys);
    }

    /// <summary>An invitation to the tenant, sent from the members page as an admin would, and the link from its email.</summary>
    private async Task<string> InvitationLinkAsync(HttpClient admin)
    {
        var email = $"invited-{Guid.NewGuid():N}@example.org";
        var members = await UserTokens.GetOkAsync(admin, $"/t/{Tenant}/admin/members");
        using var invited = await admin.PostAsync($"/t/{Tenant}/admin/members?handler=Invite",
            UserTokens.Form(members, [new("InviteEmail", email), new("InviteRoles", nameof(TenantRole.Coordinator))]));
        Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        return TestPeople.InvitationLink(fixture, email).PathAndQuery;
    }

    /// <summary>
    /// The page's POST forms: where each posts, its field names (not the antiforgery token), its dates (the names their
    /// day, month and year boxes share) and the values its inputs are shown with.
    /// </summary>
    private static List<(string Action, List<string> Fields, HashSet<string> Dates, Dictionary<string, string> Values)> PostForms(string page, string url)
    {
        var forms = new List<(string, List<string>, HashSet<string>, Dictionary<string, string>)>();
        foreach (Match form in Form().Matches(page))
        {
            var attributes = form.Groups["attributes"].Value;
            if (!attributes.Contains("method=\"post\"", StringComparison.OrdinalIgnoreCase)) continue;
            var action = Attribute(attributes, "action") is { Length: > 0 } a ? System.Net.WebUtility.HtmlDecode(a) : url;
            if (action == "/sign-out") continue; // the layout's sign-out button, on every page
            var fields = new List<string>();
            var dates = new HashSet<string>();
            var values = new Dictionary<string, string>();
            foreach (Match field in Field().Matches(form.Groups["body"].Value))
            {
                var shown = field.Groups["attributes"].Value;
                var name = Attribute(shown, "name");
                if (name is null or "__RequestVerificationToken" || fields.Contains(name)) continue;
                fields.Add(name);
                if (name.EndsWith(".day", StringComparison.Ordinal)) dates.Add(name[..^".day".Length]);
                if (Attribute(shown, "type") is "hidden" or "text" or "email" or "number" && Attribute(shown, "value") is { } value)
                    values[name] = System.Net.WebUtility.HtmlDecode(value);
            }

            forms.Add((action, fields, dates, values));
        }

        return forms;
    }

    private static string? Attribute(string attributes, string name) =>
        Regex.Match(attributes, $"\\b{name}=\"(?<value>[^\"]*)\"") is { Success: true } match ? match.Groups["value"].Value : null;

    [GeneratedRegex("<form\\b(?<attributes>[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Form();

    [GeneratedRegex("<(?:input|select|textarea)\\b(?<attributes>[^>]*)>", RegexOptions.IgnoreCase)]
    private static partial Regex Field();
}
