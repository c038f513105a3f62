using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Features.Outcomes;

namespace CaraPlatform.Web.Tests.Features.Outcomes;

/// <summary>The acceptance line: a CSV file with one bad row is refused whole, and the fixed file moves the national rates.</summary>
public sealed class OutcomeImportTests(CaraPlatformFixture fixture) : IntegrationTest
{
    // Only this class records outcomes of this tenant's referrals, so its national figures are this test's own.
    private const string Tenant = "thames-valley";

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_whole_naming_it_and_the_fixed_file_updates_the_reoffending_rates()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var completers = new List<ReferralResponse>();
        var nonCompleters = new List<ReferralResponse>();
        for (var i = 0; i < 12; i++) completers.Add(await ReferralApi.CreateAsync(api, Tenant));
        for (var i = 0; i < 11; i++) nonCompleters.Add(await ReferralApi.CreateAsync(api, Tenant));
        await fixture.RelayEventsAsync(Tenant);
        await SetNationalStatusAsync(completers, ReferralStatus.Completed);
        await SetNationalStatusAsync(nonCompleters, ReferralStatus.NonCompliant);
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
        var before = await RatesAsync(analyst);
        Assert.Equal("<5", before["completers"]["followed-up-6"]);

        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var lines = new List<string> { OutcomeCsv.Header };
        lines.AddRange(completers.Select((r, i) => $"{r.PoliceReference},6,,,{(i < 5 ? $"yes,common-assault {today}" : "no,")}"));
        lines.AddRange(nonCompleters.Select((r, i) => $"{r.PoliceReference},6,Referred,,{(i < 6 ? $"yes,actual-bodily-harm {today}; harassment {today}" : "no,")}"));
        var eligibleOn = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddMonths(-3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        lines.AddRange(Enumerable.Range(0, 10).Select(i => $"{ReferralApi.NewPoliceReference()},6,EligibleNotReferred,{eligibleOn},{(i < 7 ? $"yes,stalking {today}" : "no,")}"));
        var bad = lines.ToList();
        bad[4] = bad[4].Replace(",6,", ",7,", StringComparison.Ordinal); // line 5 of the file

        var refused = await (await api.PostJson($"/api/v1/tenants/{Tenant}/outcomes/imports", new OutcomeImportRequest(string.Join('\n', bad))))
            .ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var problem = Assert.Single(refused.GetProperty("problems").EnumerateArray());
        Assert.Equal((5, "months"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("field").GetString()));
        Assert.Equal(0, await fixture.ReadAsync(Tenant, db => db.ReoffendingFollowUps.CountAsync()));

        var applied = await (await api.PostJson($"/api/v1/tenants/{Tenant}/outcomes/imports", new OutcomeImportRequest(string.Join('\n', lines))))
            .ReadAs<OutcomeImportResult>();
        Assert.Equal(new OutcomeImportResult(33, 0, 0), applied);
        await fixture.RelayEventsAsync(Tenant);

        var after = await RatesAsync(analyst);
        Assert.Equal(("12", "5", "41.7%"), (after["completers"]["followed-up-6"], after["completers"]["reoffended-6"], after["completers"]["rate-6"]));
        Assert.Equal(("11", "6", "54.5%"), (after["non-completers"]["followed-up-6"], after["non-completers"]["reoffended-6"], after["non-completers"]["rate-6"]));
        Assert.Equal(("10", "7"), (after["eligible-not-referred"]["followed-up-6"], after["eligible-not-referred"]["reoffended-6"]));

        // Harm: completers 5 common assaults (weight 2) over 12; non-completers 6 × (ABH 182 + harassment 84) over 11.
        var harm = await TableAsync(analyst, "harm-weighted-reoffending");
        Assert.Equal(("83.33", "14509.09"), (harm["completers"]["harm-6"], harm["non-completers"]["harm-6"]));

        // The same file again changes nothing.
        Assert.Equal(new OutcomeImportResult(0, 0, 33), await (await api.PostJson($"/api/v1/tenants/{Tenant}/outcomes/imports",
            new OutcomeImportRequest(string.Join('\n', lines)))).ReadAs<OutcomeImportResult>());
    }

    /// <summary>
    /// Where the referral projection has put each referral (or puts it now), with the status the test's path ends in:
    /// completing or breaching through the API takes runs and registers this test is not about.
    /// </summary>
    private async Task SetNationalStatusAsync(IEnumerable<ReferralResponse> referrals, ReferralStatus status)
    {
        var tenantId = (await fixture.Database.TenantAsync(Tenant)).TenantId;
        await using var db = fixture.Database.SuperuserContext();
        foreach (var referral in referrals)
        {
            var row = await db.NationalReferrals.FindAsync(tenantId, referral.Id);
            if (row is null)
            {
                var received = UkCalendar.DateOf(referral.ReceivedAt);
                row = new NationalReferral
                {
                    TenantId = tenantId,
                    ReferralId = referral.Id,
                    ForceCode = referral.ForceCode,
                    ReceivedOn = received,
                    Month = NationalReadModel.MonthOf(received),
                    OffenceTypeCode = NationalOffenceTypes.CommonAssault,
                    Language = "en",
                };
                db.NationalReferrals.Add(row);
            }

            row.Status = status;
        }

        await db.SaveChangesAsync();
    }

    private static Task<Dictionary<string, Dictionary<string, string>>> RatesAsync(HttpClient analyst) => TableAsync(analyst, "reoffending-rates");

    private static async Task<Dictionary<string, Dictionary<string, string>>> TableAsync(HttpClient analyst, string id)
    {
        var table = await (await analyst.GetAsync($"/api/v1/national/data/{id}?tenant={Tenant}")).ReadAs<NationalTableResponse>();
        return table.Rows.ToDictionary(r => r.Key, r => table.Columns.Zip(r.Cells).ToDictionary(c => c.First.Key, c => c.Second.Display));
    }
}
