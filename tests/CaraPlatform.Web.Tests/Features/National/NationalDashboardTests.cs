using System.IO.Compression;
using System.Xml.Linq;
using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Features.National.Exports;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>
/// The analyst's dashboard, its downloads and "Export everything". Each test inserts national rows of its own under
/// a language code nobody else uses, and filters by it, so the figures are its own.
/// </summary>
public sealed class NationalDashboardTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Analyst = "analyst@hamptontrust.demo";

    /// <summary>A force with 12, 3 and 7 referrals in September, October and November 2026, and a run of 10 places with 6 taken.</summary>
    private async Task<(string Language, string Force)> SeedAsync()
    {
        var language = "t" + Guid.NewGuid().ToString("N")[..7];
        var force = "f-" + language;
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
        var tenant = await db.Tenants.Where(t => t.Slug == "hampshire").Select(t => t.Id).SingleAsync();
        var run = new NationalRun
        {
            TenantId = tenant,
            RunId = Guid.NewGuid(),
            Cohort = Cohort.IpvMale,
            Language = language,
            Delivery = WorkshopDelivery.Venue,
            Capacity = 10,
            Workshop1On = new(2026, 11, 7),
            Workshop2On = new(2026, 11, 14),
            Month = new(2026, 11, 1),
        };
        db.NationalRuns.Add(run);
        var months = new[] { (new DateOnly(2026, 9, 1), 12), (new DateOnly(2026, 10, 1), 3), (new DateOnly(2026, 11, 1), 7) };
        var booked = 0;
        foreach (var (month, count) in months)
            for (var i = 0; i < count; i++)
                db.NationalReferrals.Add(new NationalReferral
                {
                    TenantId = tenant,
                    ReferralId = Guid.NewGuid(),
                    ForceCode = force,
                    ReceivedOn = month.AddDays(i),
                    Month = month,
                    OffenceTypeCode = "common-assault",
                    Relationship = OffenceRelationship.CurrentPartner,
                    Ipv = true,
                    Sex = Sex.Male,
                    Cohort = Cohort.IpvMale,
                    AgeBand = "25-34",
                    Language = language,
                    OffenderKey = Guid.NewGuid().ToString("N"),
                    Status = ReferralStatus.Booked,
                    RunId = month.Month == 9 && booked++ < 6 ? run.RunId : null,
                });
        await db.SaveChangesAsync();
        return (language, force);
    }

    [Fact]
    public async Task The_dashboard_lays_out_each_section_and_serves_every_table_as_a_chart_beside_its_figures_and_the_filters_change_them()
    {
        var (language, force) = await SeedAsync();
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, Analyst);

        var page = await UserTokens.GetOkAsync(browser, $"/national/data?language={language}");
        Assert.Contains("href=\"/national/data\"", page, StringComparison.Ordinal); // the navigation's link
        // The page computes no table: it lays out the first section, whose placeholders the script fills one by one.
        Assert.DoesNotContain("class=\"govuk-table\"", page, StringComparison.Ordinal);
        var sections = Regex.Matches(page, "class=\"moj-sub-navigation__link\"[^>]*href=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(sections.Count >= 5, $"{sections.Count} sections");
        Assert.All(sections, link => Assert.Contains($"language={language}", link, StringComparison.Ordinal));

        var tables = new List<string>();
        foreach (var section in sections)
        {
            var layout = await UserTokens.GetOkAsync(browser, section);
            foreach (var src in Regex.Matches(layout, "data-national-table=\"([^\"]+)\"").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                Assert.Contains($"language={language}", src, StringComparison.Ordinal);
                var fragment = await UserTokens.GetOkAsync(browser, src);
                var id = Regex.Match(fragment, "data-table-id=\"([^\"]+)\"").Groups[1].Value;
                Assert.Single(Regex.Matches(fragment, "<svg [^>]*class=\"national-chart\""));
                Assert.DoesNotContain("<html", fragment, StringComparison.Ordinal);
                tables.Add(id);
                if (id == "referral-trends") Assert.Equal(["12", "<5", "<5", "22"], Row(fragment, id, force));
                if (id == "run-fill-rate") Assert.Equal(["<5", "10", "6", "60"], Row(fragment, id, "Nov 2026"));
            }
        }

        await using (var scope = fixture.Web.Services.CreateAsyncScope())
            Assert.Equal(scope.ServiceProvider.GetRequiredService<NationalData>().Measures.Select(m => m.Id), tables);

        var november = await UserTokens.GetOkAsync(browser, $"/national/data?handler=Table&table=referral-trends&language={language}&from=2026-11&to=2026-11");
        Assert.Equal(["7", "7"], Row(november, "referral-trends", force));
        // Without script, a placeholder's link shows its table with the page, in its section.
        var shown = await UserTokens.GetOkAsync(browser, $"/national/data?table=run-fill-rate&language={language}");
        Assert.Equal(["<5", "10", "6", "60"], Row(shown, "run-fill-rate", "Nov 2026"));
        Assert.Matches("aria-current=\"page\"[^>]*>Runs<", shown);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/national/data?handler=Table&table=no-such-table")).StatusCode);
    }

    [Fact]
    public async Task Downloads_read_suppressed_cells_as_less_than_5_in_CSV_and_XLSX_from_the_page_and_the_API()
    {
        var (language, force) = await SeedAsync();
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, Analyst);

        using var csv = await browser.GetAsync($"/national/data?handler=Download&table=referral-trends&format=csv&language={language}");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n");
        Assert.Equal("Force,Sep 2026,Oct 2026,Nov 2026,Total", lines[0]);
        Assert.Equal($"{force},12,<5,<5,22", lines[1]);

        using var xlsx = await browser.GetAsync($"/national/data?handler=Download&table=referral-trends&format=xlsx&language={language}");
        var sheet = Assert.Single(Workbook(await xlsx.Content.ReadAsByteArrayAsync()));
        Assert.Equal("referral-trends", sheet.Name);
        Assert.Contains(sheet.Rows, r => r.SequenceEqual([force, "12", "<5", "<5", "22"]));

        var token = await UserTokens.AuthorizationCodeAsync(fixture.Web, Analyst, ApiScopes.NationalRead);
        using var api = fixture.Bearer(token.AccessToken);
        var apiCsv = await api.GetStringAsync($"/api/v1/national/data/referral-trends.csv?language={language}");
        Assert.Contains($"{force},12,<5,<5,22", apiCsv, StringComparison.Ordinal);
        using var apiXlsx = await api.GetAsync($"/api/v1/national/data/run-fill-rate.xlsx?language={language}");
        Assert.Contains(Assert.Single(Workbook(await apiXlsx.Content.ReadAsByteArrayAsync())).Rows, r => r.SequenceEqual(["Nov 2026", "<5", "10", "6", "60"]));
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/national/data/no-such-table.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("/api/v1/national/data/referral-trends.pdf")).StatusCode);
    }

    [Fact]
    public async Task Export_everything_is_queued_written_by_the_worker_and_downloaded_by_its_requester_alone()
    {
        var (language, force) = await SeedAsync();
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
            var user = (await users.FindByIdAsync(person.UserId.ToString()))!;
            user.PlatformRoles = [PlatformRole.Analyst];
            Assert.True((await users.UpdateAsync(user)).Succeeded);
        }

        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        var dashboard = await UserTokens.GetOkAsync(browser, $"/national/data?language={language}");
        using var queued = await browser.PostAsync($"/national/data?handler=Export&language={language}", UserTokens.Form(dashboard, []));
        Assert.Equal(HttpStatusCode.Redirect, queued.StatusCode);
        var progressUrl = queued.Headers.Location!.OriginalString;
        Assert.Equal("/national/data/exports", progressUrl);

        using (var waiting = await browser.GetAsync(progressUrl))
        {
            Assert.Contains("Waiting to start.", await waiting.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("2", waiting.Headers.GetValues("Refresh").Single());
        }

        var job = await fixture.Web.Services.GetRequiredService<NationalExportWorker>().RunOnceAsync();
        Assert.NotNull(job);

        using (var done = await browser.GetAsync(progressUrl))
        {
            Assert.Contains($"id=\"download-{job}\"", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.False(done.Headers.Contains("Refresh"));
        }

        var downloadUrl = $"{progressUrl}?handler=Download&jobId={job}";
        using var download = await browser.GetAsync(downloadUrl);
        Assert.Equal(NationalExport.XlsxType, download.Content.Headers.ContentType?.MediaType);
        var sheets = Workbook(await download.Content.ReadAsByteArrayAsync());
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
            Assert.Equal(scope.ServiceProvider.GetRequiredService<NationalData>().Measures.Select(m => m.Id), sheets.Select(s => s.Name));
        Assert.Contains(sheets.Single(s => s.Name == "referral-trends").Rows, r => r.SequenceEqual([force, "12", "<5", "<5", "22"]));

        var someoneElse = await UserTokens.SignedInBrowserAsync(fixture.Web, Analyst);
        Assert.DoesNotContain(job.ToString()!, await UserTokens.GetOkAsync(someoneElse, progressUrl), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await someoneElse.GetAsync(downloadUrl)).StatusCode);
    }

    [Fact]
    public async Task A_trainer_is_sent_away_from_the_dashboard_and_its_downloads()
    {
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");

        Assert.Contains("access-denied", (await browser.GetAsync("/national/data")).Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Contains("access-denied", (await browser.GetAsync("/national/data?handler=Table&table=referral-trends")).Headers.Location?.ToString(),
            StringComparison.Ordinal);
        Assert.Contains("access-denied", (await browser.GetAsync("/national/data?handler=Download&table=referral-trends&format=csv")).Headers.Location?.ToString(),
            StringComparison.Ordinal);
        Assert.DoesNotContain("nav-data", await UserTokens.GetOkAsync(browser, "/national"), StringComparison.Ordinal);
    }

    /// <summary>The cells of the row labelled <paramref name="label"/> in the dashboard's table <paramref name="tableId"/>.</summary>
    private static List<string> Row(string page, string tableId, string label)
    {
        var table = Regex.Match(page, $"<table class=\"govuk-table\" id=\"figures-{tableId}\">(.*?)</table>", RegexOptions.Singleline).Groups[1].Value;
        var row = Regex.Match(table, $"<th scope=\"row\" class=\"govuk-table__header\">{Regex.Escape(WebUtility.HtmlEncode(label))}</th>(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, $"No row '{label}' in {tableId}");
        return [.. Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
    }

    /// <summary>An XLSX read back: each sheet's name and its rows of cell texts (inline strings or numbers).</summary>
    private static List<(string Name, List<List<string>> Rows)> Workbook(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content));
        XNamespace main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        XNamespace rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        XDocument Read(string path)
        {
            using var stream = zip.GetEntry(path)!.Open();
            return XDocument.Load(stream);
        }

        var targets = Read("xl/_rels/workbook.xml.rels").Root!.Elements()
            .ToDictionary(r => (string)r.Attribute("Id")!, r => "xl/" + ((string)r.Attribute("Target")!).TrimStart('/').Replace("xl/", "", StringComparison.Ordinal));
        return [.. Read("xl/workbook.xml").Descendants(main + "sheet").Select(sheet => (
            (string)sheet.Attribute("name")!,
            Read(targets[(string)sheet.Attribute(rels + "id")!]).Descendants(main + "row")
                .Select(row => row.Elements(main + "c").Select(c => c.Element(main + "v")?.Value ?? string.Concat(c.Descendants(main + "t").Select(t => t.Value))).ToList())
                .ToList()))];
    }
}
