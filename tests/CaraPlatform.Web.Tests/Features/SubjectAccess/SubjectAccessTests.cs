using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Platform.Audit;
using UglyToad.PdfPig;

namespace CaraPlatform.Web.Tests.Features.SubjectAccess;

/// <summary>
/// Subject-access exports (issue 13, part 4): the offender's holds every value of their record and nothing of the
/// victim's or another participant's, and lists what it left out; the victim's holds the victim's values and not the
/// offender's; each export is one audit row; only provider admins and data protection officers get one.
/// </summary>
public sealed partial class SubjectAccessTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    /// <summary>Every value the offender's record holds, each distinctive, as the request sends it.</summary>
    private static readonly OffenderDto Offender = new(
        "Quillon", "Oddfellow-Sar", new DateOnly(1987, 3, 21), Sex.Male, "17 Quarrender Row", "Flat Zeta", "Wickhamford", "SO23 9QZ",
        "07700 900789", "quillon.oddfellow@example.org", "en", true, "Needs a hearing loop", true);

    private static readonly string[] OffenderValues =
    [
        "Quillon", "Oddfellow-Sar", "1987-03-21", "Male", "17 Quarrender Row", "Flat Zeta", "Wickhamford", "SO23 9QZ", "07700 900789",
        "quillon.oddfellow@example.org", "Needs a hearing loop", "PC Jane Hollis", "HC1234",
    ];

    [Fact]
    public async Task The_offenders_export_holds_every_offender_value_no_victim_or_other_participant_value_and_lists_the_redactions()
    {
        var (referral, other) = await BookedReferralAsync();
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");

        var json = await ExportAsync(admin, referral.Id, "offender", "json");
        var pdf = await ExportAsync(admin, referral.Id, "offender", "pdf");

        foreach (var text in new[] { json, pdf })
        {
            foreach (var value in OffenderValues.Append(referral.PoliceReference))
                Assert.Contains(value, text, StringComparison.Ordinal);
            foreach (var value in ReferralApi.VictimValues.Append("Daniel").Append(other.PoliceReference))
                Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
            // The officer's contact details are a third party's; the screening's answers about the victim are left out.
            Assert.DoesNotContain("jane.hollis@police.example", text, StringComparison.Ordinal);
            Assert.DoesNotContain("01632 960000", text, StringComparison.Ordinal);
        }

        var redactions = JsonNode.Parse(json)!["redactions"]!.AsArray().Select(r => r!["what"]!.GetValue<string>()).ToList();
        Assert.Contains(redactions, r => r.Contains("victim's details", StringComparison.Ordinal));
        Assert.Contains(redactions, r => r.Contains("other participants", StringComparison.Ordinal));
        Assert.Contains(redactions, r => r.Contains("officer's email", StringComparison.Ordinal));
        Assert.Contains("What we left out", pdf, StringComparison.Ordinal);
        var sections = JsonNode.Parse(json)!["sections"]!.AsArray().Select(s => s!["title"]!.GetValue<string>()).ToList();
        Assert.Contains("Bookings and attendance", sections);
        Assert.Contains("Booking confirmation letters", sections);
        Assert.Contains("Notices sent to the police", sections);
        Assert.Contains("Who viewed, changed or disclosed the record", sections);
    }

    [Fact]
    public async Task The_victims_export_holds_the_victims_values_and_not_the_offenders()
    {
        var (referral, _) = await BookedReferralAsync();
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");

        foreach (var format in new[] { "json", "pdf" })
        {
            var text = await ExportAsync(admin, referral.Id, "victim", format);
            foreach (var value in ReferralApi.VictimValues)
                Assert.Contains(value, text, StringComparison.Ordinal);
            foreach (var value in OffenderValues)
                Assert.DoesNotContain(value, text, StringComparison.Ordinal);
            Assert.Contains("The offender's record", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_export_adds_exactly_one_audit_row_naming_the_subject_and_the_format()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        var officer = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.DataProtectionOfficer);
        var client = await fixture.PersonApiAsync(officer.Email);

        await ExportAsync(client, referral.Id, "offender", "pdf");
        Assert.Equal(["Offender Pdf"], await ExportAuditsAsync(AuditEntries.Referral(referral.Id)));
        await ExportAsync(client, referral.Id, "victim", "json");
        Assert.Equal(["Victim Json"], await ExportAuditsAsync(AuditEntries.Victim(referral.Id)));
        Assert.Equal(["Offender Pdf"], await ExportAuditsAsync(AuditEntries.Referral(referral.Id)));
    }

    [Fact]
    public async Task Only_provider_admins_and_data_protection_officers_of_the_tenant_export()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);
        var url = Url(referral.Id, "offender", "json");

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync(url)).StatusCode);
        foreach (var local in new[] { "coordinator", "facilitator", "victim-contact", "spoc" })
            Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.PersonApiAsync($"{local}@hampshire.demo")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await fixture.PersonApiAsync("admin@west-yorkshire.demo")).GetAsync(url)).StatusCode);

        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Url(Guid.NewGuid(), "offender", "json"))).StatusCode);
        var invalid = await admin.GetAsync(Url(referral.Id, "neighbour", "docx"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var errors = JsonNode.Parse(await invalid.Content.ReadAsStringAsync())!["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("subject") && errors.ContainsKey("format"));
        Assert.Empty(await ExportAuditsAsync(AuditEntries.Referral(referral.Id)));
    }

    [Fact]
    public async Task The_portal_links_the_export_from_the_referral_for_exporters_and_downloads_it()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant, ReferralApi.New(Tenant) with { Offender = Offender });
        var admin = await SessionAsync("admin@hampshire.demo");
        var coordinator = await SessionAsync("coordinator@hampshire.demo");
        var detail = $"/t/{Tenant}/referrals/{referral.Id}";

        Assert.Contains("subject-access-link", await admin.GetStringAsync(detail), StringComparison.Ordinal);
        Assert.DoesNotContain("subject-access-link", await coordinator.GetStringAsync(detail), StringComparison.Ordinal);
        var page = await admin.GetStringAsync($"{detail}/subject-access");
        Assert.Contains("offender-pdf", page, StringComparison.Ordinal);
        var download = await admin.GetAsync($"{detail}/subject-access?handler=download&subject=offender&format=pdf");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["Offender Pdf"], await ExportAuditsAsync(AuditEntries.Referral(referral.Id)));
        var json = await admin.GetStringAsync($"{detail}/subject-access?handler=download&subject=offender&format=json");
        Assert.Contains("Oddfellow-Sar", json, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SessionAsync(string email)
    {
        var browser = UserTokens.Browser(fixture.Web);
        Assert.Equal(HttpStatusCode.Redirect, (await UserTokens.SignInAsync(browser, email, DemoSeed.Password)).StatusCode);
        return browser;
    }

    private static string Url(Guid referralId, string subject, string format) =>
        $"{ReferralApi.Url(Tenant)}/{referralId}/subject-access?subject={subject}&format={format}";

    /// <summary>The export's text: the JSON as sent, or the words of the PDF.</summary>
    private static async Task<string> ExportAsync(HttpClient client, Guid referralId, string subject, string format)
    {
        var response = await client.GetAsync(Url(referralId, subject, format));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (format == "json") return await response.Content.ReadAsStringAsync();
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return Whitespace().Replace(string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), " ");
    }

    /// <summary>The referral made with <see cref="Offender"/>, booked on a run beside another participant.</summary>
    private async Task<(ReferralResponse Referral, ReferralResponse Other)> BookedReferralAsync()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(21), first.UserId, second.UserId);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant, ReferralApi.New(Tenant) with { Offender = Offender });
        var other = await WorkshopApi.EligibleAsync(api, Tenant);
        await WorkshopApi.BookAsync(api, Tenant, run, referral);
        await WorkshopApi.BookAsync(api, Tenant, run, other);
        return (referral, other);
    }

    private async Task<List<string?>> ExportAuditsAsync(string subject)
    {
        await using var db = fixture.Database.SuperuserContext();
        return await db.AuditEvents.Where(e => e.Action == AuditActions.SubjectAccessExported && e.Subject == subject)
            .Select(e => e.Detail).ToListAsync();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
