using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>
/// The victim's details reach the victim-contact service and no one else: not through any readable endpoint for
/// the other roles or integration clients, and not as plaintext anywhere in the database.
/// </summary>
public sealed class VictimDataTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task No_endpoint_shows_a_victim_field_to_facilitators_coordinators_spocs_or_clients()
    {
        // A referral that reaches every kind of record: booked on a run the demo facilitator runs, with a notice.
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant);
        var facilitator = await fixture.UserIdAsync("facilitator@hampshire.demo");
        var other = await TestPeople.MemberAsync(fixture, Tenant, Domain.Access.TenantRole.Facilitator);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(15), facilitator, other.UserId);
        var booking = await WorkshopApi.BookAsync(api, Tenant, run, referral);
        // And a victim-contact case worked on, whose every typed value must stay on the victim's side too.
        var caseValues = await WorkVictimCaseAsync(referral.Id);
        var notice = (await fixture.NoticesAsync(Tenant, referral.Id)).First();
        foreach (var sent in await fixture.NoticesAsync(Tenant, referral.Id))
        {
            foreach (var value in caseValues) Assert.DoesNotContain(value, sent.Payload, StringComparison.OrdinalIgnoreCase);
        }
        var values = new Dictionary<string, string>
        {
            ["tenant"] = Tenant,
            ["referralId"] = referral.Id.ToString(),
            ["runId"] = run.Id.ToString(),
            ["bookingId"] = booking.Id.ToString(),
            ["workshop"] = "Workshop1",
            ["noticeId"] = notice.Id.ToString(),
        };
        var readers = new Dictionary<string, HttpClient>
        {
            ["facilitator"] = await fixture.PersonApiAsync("facilitator@hampshire.demo"),
            ["coordinator"] = await fixture.PersonApiAsync("coordinator@hampshire.demo"),
            ["spoc"] = await fixture.PersonApiAsync("spoc@hampshire.demo"),
            ["integration client"] = api,
        };
        var urls = TenantGetUrls(values).ToList();
        Assert.Contains(urls, u => u.EndsWith("/victim", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.EndsWith("/letter", StringComparison.Ordinal));
        Assert.Contains(urls, u => u.EndsWith("/notices", StringComparison.Ordinal));

        foreach (var (who, client) in readers)
        {
            foreach (var url in urls)
            {
                var response = await client.GetAsync(url);
                var body = response.Content.Headers.ContentType?.MediaType == "application/pdf"
                    ? PdfText(await response.Content.ReadAsByteArrayAsync())
                    : await response.Content.ReadAsStringAsync();
                foreach (var value in VictimValues.Concat(caseValues))
                    Assert.False(body.Contains(value, StringComparison.OrdinalIgnoreCase), $"{who} read '{value}' from GET {url} ({(int)response.StatusCode})");
                if (url.EndsWith("/victim", StringComparison.Ordinal))
                    Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            }
        }

        // A move answers with the referral: no victim in it either.
        var fresh = await CreateAsync(readers["spoc"]);
        var moved = await (await readers["coordinator"].PostJson($"{Url(Tenant)}/{fresh.Id}/start-screening", new VersionRequest(fresh.Version)))
            .Content.ReadAsStringAsync();
        Assert.DoesNotContain("Vale-Secret", moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_victim_contact_worker_and_provider_admin_read_the_details_and_each_view_is_audited()
    {
        var referral = await CreateAsync(await fixture.PersonApiAsync("spoc@hampshire.demo"));
        foreach (var email in new[] { "victim-contact@hampshire.demo", "admin@hampshire.demo" })
        {
            var victim = await (await (await fixture.PersonApiAsync(email)).GetAsync($"{Url(Tenant)}/{referral.Id}/victim?reason=Preparing%20a%20call"))
                .ReadAs<VictimRecordResponse>();
            Assert.Equal(Victim(), victim.Victim);
        }

        Assert.Equal(2L, await AuditedAsync("count(*)", "victim-details-viewed", referral, $"victim:{referral.Id}"));
        Assert.Equal(2L, await AuditedAsync("count(*) FILTER (WHERE reason = 'Preparing a call')", "victim-details-viewed", referral, $"victim:{referral.Id}"));
    }

    [Fact]
    public async Task The_victim_record_opens_only_with_a_reason()
    {
        var referral = await CreateAsync(await fixture.PersonApiAsync("spoc@hampshire.demo"));
        var worker = await fixture.PersonApiAsync("victim-contact@hampshire.demo");

        foreach (var query in new[] { "", "?reason=%20" })
        {
            var refused = await worker.GetAsync($"{Url(Tenant)}/{referral.Id}/victim{query}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"reason\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0L, await AuditedAsync("count(*)", "victim-details-viewed", referral, $"victim:{referral.Id}"));
    }

    [Fact]
    public async Task Each_view_of_a_referral_through_the_api_or_the_portal_is_audited()
    {
        var referral = await CreateAsync(await fixture.ApiClientAsync(Tenant));
        Assert.Equal(HttpStatusCode.OK, (await (await fixture.PersonApiAsync("spoc@hampshire.demo")).GetAsync($"{Url(Tenant)}/{referral.Id}")).StatusCode);
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "coordinator@hampshire.demo");
        await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/referrals/{referral.Id}");
        // The screening form shows the offender's record too.
        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "admin@hampshire.demo");
        await UserTokens.GetOkAsync(admin, $"/t/{Tenant}/referrals/{referral.Id}/screen");

        Assert.Equal(3L, await AuditedAsync("count(DISTINCT actor_user_id)", "referral-viewed", referral, $"referral:{referral.Id}"));
    }

    [Fact]
    public async Task No_table_holds_a_victim_value_in_plaintext()
    {
        var request = New() with { Victim = Victim() with { FamilyName = "Plaintext-" + Guid.NewGuid().ToString("N")[..8] } };
        var referral = await CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant, request);

        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }

        Assert.Contains("victim_records", tables);
        foreach (var table in tables)
        {
            await using var search = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" t WHERE t::text ILIKE @value", connection);
            search.Parameters.AddWithValue("value", $"%{request.Victim!.FamilyName}%");
            Assert.True((long)(await search.ExecuteScalarAsync())! == 0, $"{table} holds the victim's name in plaintext");
        }

        await using var stored = new NpgsqlCommand("SELECT protected_details FROM victim_records WHERE referral_id = @id", connection);
        stored.Parameters.AddWithValue("id", referral.Id);
        var ciphertext = (string)(await stored.ExecuteScalarAsync())!;
        Assert.DoesNotContain("Victoria", ciphertext, StringComparison.Ordinal);
    }

    /// <summary>Every GET endpoint of the tenant API whose route values the test has (the rest hold no case data).</summary>
    private IEnumerable<string> TenantGetUrls(Dictionary<string, string> values) =>
        fixture.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/tenants/{tenant}/", StringComparison.Ordinal))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Where(e => e.RoutePattern.Parameters.All(p => values.ContainsKey(p.Name)))
            .Select(e => RouteUrls.Fill(e, name => values[name]).TrimEnd('/'))
            .Distinct();

    private static readonly string[] CaseValuePrefixes = ["Times", "Code", "Contact", "Needs", "Support", "Concern", "Shared", "With", "Basis", "Why"];

    /// <summary>Records an entry of each kind with a value of its own on the referral's victim-contact case; returns those values.</summary>
    private async Task<List<string>> WorkVictimCaseAsync(Guid referralId)
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var worker = await fixture.PersonApiAsync("victim-contact@hampshire.demo");
        Guid caseId;
        await using (var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services))
            caseId = await db.VictimCases.Where(c => c.ReferralId == referralId).Select(c => c.Id).SingleAsync();
        var cases = $"/api/v1/tenants/{Tenant}/victim-contact/cases/{caseId}";
        var entries = new (string Path, object Body)[]
        {
            ("safe-contact-checks", new { method = "Phone", safeTimes = $"Times-{marker}", personWhoCausedHarmPresent = false, codeWord = $"Code-{marker}" }),
            ("contact-attempts", new { method = "Phone", outcome = "Spoke", note = $"Contact-{marker}" }),
            ("needs", new { needs = $"Needs-{marker}", supportOffered = $"Support-{marker}" }),
            ("escalations", new { to = "Marac", concern = $"Concern-{marker}", whatWasShared = $"Shared-{marker}", sharedWith = $"With-{marker}",
                lawfulBasis = $"Basis-{marker}", why = $"Why-{marker}" }),
        };
        foreach (var (path, body) in entries)
            Assert.Equal(HttpStatusCode.OK, (await worker.PostJson($"{cases}/{path}", body)).StatusCode);
        return [.. CaseValuePrefixes.Select(v => $"{v}-{marker}")];
    }

    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().Select(p => p.Text));
    }

    /// <summary>The <paramref name="count"/> of the audit rows of <paramref name="action"/> on the referral, read past row-level security.</summary>
    private async Task<long> AuditedAsync(string count, string action, ReferralResponse referral, string subject)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {count} FROM audit_events WHERE action = @action AND subject = @subject", connection);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.AddWithValue("subject", subject);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
