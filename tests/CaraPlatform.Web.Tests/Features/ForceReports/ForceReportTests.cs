using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.ForceReports;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Platform.Mail;
using MimeKit;
using netDumbster.smtp;

namespace CaraPlatform.Web.Tests.Features.ForceReports;

/// <summary>
/// The monthly force report of west-midlands (which offers Polish and Punjabi), made by the job on a fake clock on the
/// 1st, in a month of its own years ahead: its PDF read back, its figures against the national data, its email
/// received by a real SMTP server, and who may fetch it.
/// </summary>
public sealed class ForceReportTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "west-midlands";
    private const string PolishName = "Zdzisław Wójcik-Łęcki";

    // Mail staged on this clock is not yet due on the real one, so only this test's dispatcher sends it.
    private static readonly DateTimeOffset MidMonth = new(2031, 3, 12, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Month = new(2031, 3, 1);

    [Fact]
    public async Task The_job_on_the_1st_makes_last_months_report_once_with_Polish_and_Punjabi_text_the_dashboards_figures_and_an_email_with_the_PDF()
    {
        await fixture.ApiClientAsync(Tenant); // the tenant's integration client
        using var smtp = SimpleSmtpServer.Start(FreePort());
        var clock = new FakeTimeProvider(MidMonth);
        using var web = Host(clock, smtp.Configuration.Port);
        var police = await ClientAsync(web);
        var day = DateOnly.FromDateTime(MidMonth.UtcDateTime);
        var request = ReferralApi.New(Tenant);
        request = request with
        {
            DisposalDate = day.AddDays(-3),
            Offence = request.Offence! with { Date = day.AddDays(-10) },
            Offender = request.Offender! with { GivenName = "Zdzisław", FamilyName = "Wójcik-Łęcki", PreferredLanguage = "pl" },
        };
        var created = await police.PostJson(ReferralApi.Url(Tenant), request);
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());

        clock.SetUtcNow(new DateTimeOffset(2031, 4, 1, 6, 0, 0, TimeSpan.Zero));
        var job = web.Services.GetRequiredService<ForceReportJob>();
        var first = await job.RunOnceAsync(t => t.Identifier == Tenant);
        Assert.Empty(first.Failures);
        var report = Assert.Single(first.Results).Result;
        Assert.NotNull(report);
        Assert.Equal(Month, report.Month);

        var text = PdfText(report.Pdf);
        Assert.Contains(PolishName, text, StringComparison.Ordinal);
        Assert.Contains("ਪੰਜਾਬੀ", text, StringComparison.Ordinal);
        Assert.Contains(request.PoliceReference!, report.Csv, StringComparison.Ordinal);
        Assert.Contains(PolishName, report.Csv, StringComparison.Ordinal);
        Assert.DoesNotContain(ReferralApi.VictimValues, v => text.Contains(v, StringComparison.Ordinal) || report.Csv.Contains(v, StringComparison.Ordinal));

        // The figures are the dashboard's: every national table for the tenant and month, cell by cell.
        await using (var scope = web.Services.CreateAsyncScope())
        {
            var tables = await scope.ServiceProvider.GetRequiredService<NationalData>().AllAsync(new NationalFilter(Tenant: Tenant, From: Month, To: Month), default);
            Assert.Contains(tables, t => t.Id == MonthMeasure.TableId);
            foreach (var table in tables)
            {
                Assert.Contains(table.Title, text, StringComparison.Ordinal);
                foreach (var row in table.Rows)
                    Assert.Contains(string.Join(',', [Quoted(row.Label), .. row.Cells.Select(c => c.Display)]) + "\r\n", report.Csv, StringComparison.Ordinal);
            }
        }

        Assert.Contains($"{Tenant} 2031-03 to 2031-03,12,<5", report.Csv, StringComparison.Ordinal);

        // Delivered to the SPOC and the commissioner's office, with the PDF attached.
        var dispatcher = web.Services.GetRequiredService<MailDispatcher>();
        while (await dispatcher.RunOnceAsync() > 0)
        {
        }

        foreach (var to in new[] { "spoc@west-midlands.demo", "reports@west-midlands-pcc.demo" })
        {
            using var mail = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(
                Assert.Single(smtp.ReceivedEmail, m => m.ToAddresses.Any(a => a.Address == to) && m.Subject.Contains("March 2031", StringComparison.Ordinal)).Data)));
            var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
            Assert.Equal("cara-force-report-2031-03.pdf", attachment.FileName);
            using var content = new MemoryStream();
            await attachment.Content!.DecodeToAsync(content);
            Assert.Equal(report.Pdf, content.ToArray());
        }

        // Again, the same day and the next: nothing more is made or sent.
        Assert.Null(Assert.Single((await job.RunOnceAsync(t => t.Identifier == Tenant)).Results).Result);
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Null(Assert.Single((await job.RunOnceAsync(t => t.Identifier == Tenant)).Results).Result);
        Assert.Equal(1, await fixture.ReadAsync(Tenant, db => db.ForceReports.CountAsync(r => r.Month == Month)));
        await using (var scope = web.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<CaraDbContext>().OutgoingMail
                .CountAsync(m => m.Kind == ForceReportMaker.MailKind && m.Subject == "CARA force report: CARA West Midlands, March 2031"));
        }
    }

    [Fact]
    public async Task The_SPOC_downloads_the_report_a_facilitator_is_refused_and_another_tenants_SPOC_finds_none()
    {
        var month = await ReportAsync("hampshire", new DateOnly(2019, 6, 1));
        var pdf = $"/api/v1/tenants/hampshire/force-reports/{month}.pdf";

        var spoc = await fixture.PersonApiAsync("spoc@hampshire.demo");
        var list = await (await spoc.GetAsync("/api/v1/tenants/hampshire/force-reports")).ReadAs<List<ForceReportSummary>>();
        Assert.Contains(list, r => r.Month == month);
        var download = await spoc.GetAsync(pdf);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(await download.Content.ReadAsByteArrayAsync())[..4], StringComparison.Ordinal);
        var csv = await spoc.GetAsync($"/api/v1/tenants/hampshire/force-reports/{month}.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal(1, await fixture.ReadAsync("hampshire", db => db.AuditEvents.CountAsync(e => e.Action == "force-report-viewed" && e.Subject == $"force-report:{month}" && e.Detail == "PDF")));

        var facilitator = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Facilitator);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await fixture.PersonApiAsync(facilitator.Email)).GetAsync(pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await fixture.PersonApiAsync("spoc@west-yorkshire.demo")).GetAsync(pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await spoc.GetAsync("/api/v1/tenants/hampshire/force-reports/2019-13.pdf")).StatusCode);
    }

    [Fact]
    public async Task In_a_service_of_two_forces_a_SPOC_not_serving_both_reads_no_report_and_its_admin_does()
    {
        var tenant = PostgresFixture.TwoForceTenant;
        var month = await ReportAsync(tenant, new DateOnly(2019, 7, 1));
        var pdf = $"/api/v1/tenants/{tenant}/force-reports/{month}.pdf";

        // Every referral of both forces is in the annex: a SPOC of one force (or, until named, of none) must not read it.
        var spoc = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, tenant, TenantRole.ForceSpoc)).Email);
        Assert.Empty(await (await spoc.GetAsync($"/api/v1/tenants/{tenant}/force-reports")).ReadAs<List<ForceReportSummary>>());
        Assert.Equal(HttpStatusCode.NotFound, (await spoc.GetAsync(pdf)).StatusCode);

        var admin = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, tenant, TenantRole.ProviderAdmin)).Email);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(pdf)).StatusCode);
    }

    /// <summary>A report of the tenant's made directly (no figures to speak of in a month long past); its month key.</summary>
    private async Task<string> ReportAsync(string tenant, DateOnly month)
    {
        var info = await fixture.Database.TenantAsync(tenant);
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(info))
        {
            await using var scope = fixture.Web.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ForceReportMaker>().MakeAsync(info, month, default);
        }

        return ForceReport.Key(month);
    }

    private WebApplicationFactory<Program> Host(FakeTimeProvider clock, int smtpPort) => fixture.Web.WithWebHostBuilder(b =>
    {
        b.UseSetting("Referrals:Deadlines:Enabled", "false");
        b.UseSetting("Mail:Dispatch:Enabled", "false");
        b.UseSetting("Mail:Smtp:Host", "127.0.0.1");
        b.UseSetting("Mail:Smtp:Port", smtpPort.ToString(CultureInfo.InvariantCulture));
        b.UseSetting("Mail:Smtp:UseTls", "false");
        b.ConfigureTestServices(s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddNationalMeasure<MonthMeasure>();
        });
    });

    private static async Task<HttpClient> ClientAsync(WebApplicationFactory<Program> web)
    {
        var client = web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Tokens.ClientCredentialsAsync(web.CreateClient(), $"{Tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes)));
        return client;
    }

    /// <summary>The PDF's words with a space between each, wherever lines and table cells wrap them.</summary>
    private static string PdfText(byte[] pdf)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        return string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A national table of the test's own (main has no measures yet) that shows the filter it was given, one cell under 5.</summary>
    private sealed class MonthMeasure : INationalMeasure
    {
        public const string TableId = "test-force-report-month";

        public string Id => TableId;

        public string Title => "The filter (test)";

        public string Section => "Referrals";

        public int Order => 0;

        public Task<NationalTable> ComputeAsync(NationalFilter filter, CancellationToken cancellationToken) => Task.FromResult(new NationalTable(
            Id, Title, "Filter", [new("many", "Many"), new("few", "Few")],
            [new("filter", $"{filter.Tenant} {filter.From:yyyy-MM} to {filter.To:yyyy-MM}", [NationalCell.Count(12), NationalCell.Count(3)])],
            [], new NationalChart(ChartKind.None)));
    }

    /// <summary>A CSV field: quoted when it holds a comma (a row label such as "Eligible, not referred").</summary>
    private static string Quoted(string field) => field.Contains(',', StringComparison.Ordinal) ? $"\"{field}\"" : field;
}
