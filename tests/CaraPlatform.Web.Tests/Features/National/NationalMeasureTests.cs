using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>
/// The headline measures over read-model rows written directly, under force codes of the test's own, compared with
/// counts worked out by hand; and the API, whose every table is suppressed, by subtraction from its sums too.
/// </summary>
public sealed class NationalMeasureTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly DateOnly October = new(2026, 10, 1);

    private static string NewForce() => "M" + Guid.NewGuid().ToString("N")[..9];

    /// <summary>
    /// 24 referrals of one force in October 2026, each path 5 days apart from the next stage:
    /// 8 completed (Polish, contacted after 5 days; 4 pairs referred twice), 6 breached after Workshop 1 (contacted after
    /// 20 days), 5 women returned as ineligible (3 also on bail), 3 withdrawn after booking (contacted after 4 days),
    /// 2 returned as uncontactable.
    /// </summary>
    private async Task<string> SeedAsync(string tenant = "hampshire", DateOnly? month = null)
    {
        var force = NewForce();
        var on = month ?? October;
        var tenantId = (await fixture.Database.TenantAsync(tenant)).TenantId;
        NationalReferral Referral(string pair, Action<NationalReferral> path, Sex sex = Sex.Male, string language = "en")
        {
            var referral = new NationalReferral
            {
                TenantId = tenantId,
                ReferralId = Guid.NewGuid(),
                ForceCode = force,
                ReceivedOn = on,
                Month = on,
                OffenceTypeCode = NationalOffenceTypes.CommonAssault,
                Relationship = OffenceRelationship.CurrentPartner,
                Ipv = true,
                DashLevel = DashRisk.Standard,
                Sex = sex,
                Cohort = sex == Sex.Male ? Cohort.IpvMale : Cohort.IpvFemale,
                AgeBand = "25-34",
                Language = language,
                OffenderKey = Guid.NewGuid().ToString("N"),
                PairKey = $"{force}-{pair}",
            };
            path(referral);
            return referral;
        }
        var rows = new List<NationalReferral>();
        for (var i = 0; i < 8; i++)
        {
            rows.Add(Referral($"completed-{i / 2}", r =>
            {
                r.Status = ReferralStatus.Completed;
                r.ScreenedEligibleOn = on.AddDays(2);
                r.FirstContactOn = on.AddDays(5);
                r.BookedOn = on.AddDays(10);
                r.Workshop1On = on.AddDays(30);
                r.CompletedOn = on.AddDays(60);
            }, language: "pl"));
        }

        for (var i = 0; i < 6; i++)
        {
            rows.Add(Referral($"breached-{i}", r =>
            {
                r.Status = ReferralStatus.NonCompliant;
                r.ScreenedEligibleOn = on.AddDays(2);
                r.FirstContactOn = on.AddDays(20);
                r.BookedOn = on.AddDays(22);
                r.Workshop1On = on.AddDays(30);
                r.NonCompliantOn = on.AddDays(62);
                r.BreachReason = "absent-workshop2";
            }));
        }

        for (var i = 0; i < 5; i++)
        {
            rows.Add(Referral($"ineligible-{i}", r =>
            {
                r.Status = ReferralStatus.ReturnedIneligible;
                r.ReturnedOn = on.AddDays(3);
                r.ReturnedAs = ReferralStatus.ReturnedIneligible;
                r.ReturnReasons = i < 3 ? [EligibilityRules.Codes.CoerciveControl, EligibilityRules.Codes.OnBail] : [EligibilityRules.Codes.CoerciveControl];
            }, Sex.Female));
        }

        for (var i = 0; i < 3; i++)
        {
            rows.Add(Referral($"withdrawn-{i}", r =>
            {
                r.Status = ReferralStatus.Withdrawn;
                r.ScreenedEligibleOn = on.AddDays(2);
                r.FirstContactOn = on.AddDays(4);
                r.BookedOn = on.AddDays(10);
                r.WithdrawnOn = on.AddDays(12);
            }));
        }

        for (var i = 0; i < 2; i++)
        {
            rows.Add(Referral($"uncontactable-{i}", r =>
            {
                r.Status = ReferralStatus.ReturnedUncontactable;
                r.ReturnedOn = on.AddDays(15);
                r.ReturnedAs = ReferralStatus.ReturnedUncontactable;
            }));
        }

        await using var db = fixture.Database.SuperuserContext();
        // As the projection marks them: every referral of a pair after its first is a repeat.
        foreach (var pair in rows.GroupBy(r => r.PairKey)) foreach (var repeat in pair.Skip(1)) repeat.PairReferredBefore = true;
        db.NationalReferrals.AddRange(rows);
        await db.SaveChangesAsync();
        return force;
    }

    private async Task<NationalTable> RawAsync(string id, NationalFilter filter)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var measure = scope.ServiceProvider.GetRequiredService<NationalData>().Find(id) ?? throw new InvalidOperationException(id);
        return await measure.ComputeAsync(filter, CancellationToken.None);
    }

    private static decimal?[] Values(NationalTable table, string row) => [.. table.Rows.Single(r => r.Key == row).Cells.Select(c => c.Value)];

    private static string[] Shown(NationalTableResponse table, string row) => [.. table.Rows.Single(r => r.Key == row).Cells.Select(c => c.Display)];

    private static async Task<NationalTableResponse> ApiAsync(HttpClient analyst, string id, string query) =>
        await (await analyst.GetAsync($"/api/v1/national/data/{id}?{query}")).ReadAs<NationalTableResponse>();

    [Fact]
    public async Task The_funnel_compliance_and_timeliness_equal_the_hand_counts()
    {
        var force = await SeedAsync();
        var filter = new NationalFilter(Force: force);

        var funnel = await RawAsync("funnel", filter);
        // Reached, then those who stopped there: returned, withdrawn, breach, still open.
        Assert.Equal([24m, 7, 0, 0, 0], Values(funnel, "referred"));
        Assert.Equal([17m, 0, 0, 0, 0], Values(funnel, "eligible"));
        Assert.Equal([17m, 0, 0, 0, 0], Values(funnel, "contacted"));
        Assert.Equal([17m, 0, 3, 0, 0], Values(funnel, "booked"));
        Assert.Equal([14m, 0, 0, 6, 0], Values(funnel, "workshop1"));
        Assert.Equal([8m, null, null, null, null], Values(funnel, "completed"));

        Assert.Equal([14m, 8, 6, 57.1m, 42.9m], Values(await RawAsync("compliance", filter), force));
        // Contacted, within 14 days, after, share, median: days 4 (3), 5 (8), 20 (6).
        Assert.Equal([17m, 11, 6, 64.7m, 5], Values(await RawAsync("first-contact-by-force", filter), force));
        Assert.Equal([30m, 60], Values(await RawAsync("days-to-workshops", filter), force));
        Assert.Equal([11m, 0, 6, 0, 0, 17], (await RawAsync("first-contact-days", filter)).Rows.Select(r => r.Cells[^1].Value));
        Assert.Equal([24m, 70.8m, 64.7m, 57.1m], Values(await RawAsync("force-comparison", filter), force));
        Assert.Equal([24m, 20, 4, 16.7m], Values(await RawAsync("repeat-referrals", filter), force));
        Assert.Equal([17m, 5, 2, 24], Values(await RawAsync("eligibility-returns", filter), force));
        var reasons = await RawAsync("eligibility-return-reasons", filter);
        Assert.Equal([5m, 5], Values(reasons, EligibilityRules.Codes.CoerciveControl));
        Assert.Equal([3m, 3], Values(reasons, EligibilityRules.Codes.OnBail));
        Assert.Equal([2m, 2], Values(reasons, "uncontactable"));
        Assert.Equal([6m, 6], Values(await RawAsync("breaches-by-reason", filter), force));
    }

    [Fact]
    public async Task The_referral_breakdowns_count_by_force_and_value_with_totals()
    {
        var force = await SeedAsync();
        var filter = new NationalFilter(Force: force, From: October, To: October.AddMonths(1));

        var byMonth = await RawAsync("referrals-by-month", filter);
        Assert.Equal(["2026-10", "2026-11", NationalTable.TotalKey], byMonth.Columns.Select(c => c.Key));
        Assert.Equal([24m, 0, 24], Values(byMonth, force));
        Assert.Equal([19m, 5, 24], Values(await RawAsync("referrals-by-sex", filter), force));
        Assert.Equal([24m, 0, 0, 24], Values(await RawAsync("referrals-by-dash-level", filter), force));
        Assert.Equal([24m, 0, 24], Values(await RawAsync("referrals-by-relationship", filter), force));
        var byLanguage = await RawAsync("referrals-by-language", filter);
        Assert.Equal(["en", "pl", NationalTable.TotalKey], byLanguage.Columns.Select(c => c.Key));
        Assert.Equal([16m, 8, 24], Values(byLanguage, force));
        Assert.Equal([24m, 24], Values(await RawAsync("referrals-by-age-band", filter), force));
        Assert.Equal([24m, 24], Values(await RawAsync("referrals-by-ethnicity", filter), force));
        Assert.Equal(24m, Values(await RawAsync("referrals-by-offence-type", filter), force)[^1]);
    }

    [Fact]
    public async Task Every_api_table_is_suppressed_and_no_hidden_count_follows_from_its_sums()
    {
        var force = await SeedAsync();
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<NationalData>();

        foreach (var measure in data.Measures)
        {
            var table = await ApiAsync(analyst, measure.Id, $"force={force}");
            var raw = await measure.ComputeAsync(new NationalFilter(Force: force), CancellationToken.None);
            var hidden = new HashSet<CellRef>();
            foreach (var (row, r) in table.Rows.Select((row, r) => (row, r)))
            {
                foreach (var (cell, c) in row.Cells.Select((cell, c) => (cell, c)))
                {
                    if (cell.Suppressed)
                    {
                        Assert.Null(cell.Value);
                        Assert.Equal("<5", cell.Display);
                        hidden.Add(new CellRef(r, c));
                    }
                    else if (table.Columns[c].Kind == CellKind.Count && cell.Value is { } count)
                    {
                        Assert.True(count >= 5, $"{measure.Id}: {count} shown at {row.Key}/{table.Columns[c].Key}");
                    }
                }
            }

            var recoverable = Suppression.Recoverable(raw.Sums, hidden);
            Assert.True(recoverable.Count == 0, $"{measure.Id}: {string.Join(", ", recoverable)} can be worked out from the table's sums");
        }

        // The funnel's 3 withdrawn after booking are hidden, and so is enough else that no subtraction gives them back.
        var funnel = await ApiAsync(analyst, "funnel", $"force={force}");
        Assert.Equal("<5", Shown(funnel, "booked")[2]);
        Assert.Equal(["14", "<5", "<5", "6", "<5"], Shown(funnel, "workshop1"));
        Assert.Equal(["14", "8", "6", "57.1%", "42.9%"], Shown(await ApiAsync(analyst, "compliance", $"force={force}"), force));
    }

    [Fact]
    public async Task The_filters_narrow_by_tenant_force_period_cohort_and_language()
    {
        var force = await SeedAsync();
        var august = await SeedAsync(month: new DateOnly(2026, 8, 1));
        var yorkshire = await SeedAsync("west-yorkshire");
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");

        string Total(NationalTableResponse table) => Shown(table, force)[^1];
        Assert.Equal("24", Total(await ApiAsync(analyst, "referrals-by-month", $"force={force}")));
        Assert.Equal("8", Total(await ApiAsync(analyst, "referrals-by-month", $"force={force}&language=pl")));
        Assert.Equal("19", Total(await ApiAsync(analyst, "referrals-by-month", $"force={force}&cohort=IpvMale")));
        Assert.DoesNotContain((await ApiAsync(analyst, "referrals-by-sex", $"from=2026-10-01&to=2026-10-31")).Rows, r => r.Key == august);
        Assert.Contains((await ApiAsync(analyst, "referrals-by-sex", $"from=2026-08-01&to=2026-08-31")).Rows, r => r.Key == august);
        Assert.DoesNotContain((await ApiAsync(analyst, "referrals-by-sex", "tenant=hampshire")).Rows, r => r.Key == yorkshire);
        Assert.Contains((await ApiAsync(analyst, "referrals-by-sex", "tenant=west-yorkshire")).Rows, r => r.Key == yorkshire);
    }

    [Theory]
    [InlineData("trainer@hamptontrust.demo")]
    [InlineData("admin@hampshire.demo")]
    public async Task A_trainer_or_a_tenant_member_is_refused(string email)
    {
        var caller = await fixture.PersonApiAsync(email);
        Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/v1/national/data/funnel")).StatusCode);
    }
}
