using CaraPlatform.Web.Features.VictimContact;

namespace CaraPlatform.Web.Tests.Features.VictimContact;

/// <summary>
/// The caseload under the data-protection duties: the victim's subject-access export holds what the worker typed on the
/// case, the offender's holds none of it and lists the case as withheld; a retention erasure removes the case's entries
/// and the victim record.
/// </summary>
public sealed class VictimCaseDataProtectionTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";
    private static readonly string Cases = $"/api/v1/tenants/{Tenant}/victim-contact/cases";

    [Fact]
    public async Task The_victims_export_holds_the_cases_entries_and_the_offenders_lists_the_case_as_withheld()
    {
        var (referral, typed) = await CaseWithEntriesAsync();
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");

        var victims = await ExportAsync(admin, referral.Id, "victim");
        foreach (var value in typed) Assert.Contains(value, victims, StringComparison.Ordinal);
        Assert.Contains("SafeContactCheck", victims, StringComparison.Ordinal);

        var offenders = await ExportAsync(admin, referral.Id, "offender");
        foreach (var value in typed) Assert.DoesNotContain(value, offenders, StringComparison.Ordinal);
        var redactions = JsonNode.Parse(offenders)!["redactions"]!.AsArray().Select(r => r!["what"]!.GetValue<string>());
        Assert.Contains("The victim-contact case", redactions);
    }

    [Fact]
    public async Task The_retention_eraser_deletes_the_cases_entries_and_the_victim_record_and_keeps_the_case()
    {
        var (referral, _) = await CaseWithEntriesAsync();

        await using (var db = fixture.Database.AppContext(await fixture.Database.TenantAsync(Tenant), fixture.Web.Services))
        {
            Assert.Equal(["victim-contact case entries", "victim record"], await new VictimCaseEraser().EraseAsync(db, referral.Id, CancellationToken.None));
            await db.SaveChangesAsync();
        }

        var (victimCase, entries, record) = await fixture.ReadAsync(Tenant, async db => (
            await db.VictimCases.AsNoTracking().SingleOrDefaultAsync(c => c.ReferralId == referral.Id),
            await db.VictimCaseEntries.CountAsync(e => db.VictimCases.Any(c => c.Id == e.CaseId && c.ReferralId == referral.Id)),
            await db.VictimRecords.AsNoTracking().SingleOrDefaultAsync(v => v.ReferralId == referral.Id)));
        Assert.NotNull(victimCase);
        Assert.Equal(0, entries);
        Assert.Null(record);
    }

    /// <summary>A new referral's case with a safe-contact check and a needs entry, and the distinctive words typed on them.</summary>
    private async Task<(ReferralResponse Referral, string[] Typed)> CaseWithEntriesAsync()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant);
        var caseId = await fixture.ReadAsync(Tenant, db => db.VictimCases.Where(c => c.ReferralId == referral.Id).Select(c => c.Id).SingleAsync());
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var mark = Guid.NewGuid().ToString("N")[..8];
        string[] typed = [$"Codeword-{mark}", $"Safe-times-{mark}", $"Needs-{mark}", $"Support-{mark}"];
        await OkAsync(admin.PostJson($"{Cases}/{caseId}/safe-contact-checks", new SafeContactCheckRequest(SafeContactMethod.Phone, typed[1], false, typed[0])));
        await OkAsync(admin.PostJson($"{Cases}/{caseId}/needs", new NeedsRequest(typed[2], typed[3])));
        return (referral, typed);
    }

    private static async Task<string> ExportAsync(HttpClient client, Guid referralId, string subject)
    {
        var response = await client.GetAsync($"{ReferralApi.Url(Tenant)}/{referralId}/subject-access?subject={subject}&format=json");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return body;
    }

    private static async Task OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
