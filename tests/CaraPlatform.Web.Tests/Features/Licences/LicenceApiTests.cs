using CaraPlatform.Domain.Licences;
using CaraPlatform.Web.Features.Licences;
using CaraPlatform.Web.Platform.Mail;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.Licences;

public sealed class LicenceApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Url = "/api/v1/national/licences";
    private const string LicenceAdmin = "licence-admin@hamptontrust.demo";
    private static readonly string EndedTenant = PostgresFixture.LicenceTenants[0];
    private static readonly string WarnedTenant = PostgresFixture.LicenceTenants[1];
    private const string UnlicensedTenant = PostgresFixture.UnlicensedTenant;

    private static async Task<LicenceResponse> LicenceOfAsync(HttpClient national, string tenant)
    {
        var summary = (await (await national.GetAsync(Url)).ReadAs<List<LicenceSummary>>()).Single(l => l.Tenant == tenant);
        return await (await national.GetAsync($"{Url}/{summary.LicenceId}")).ReadAs<LicenceResponse>();
    }

    [Fact]
    public async Task A_tenant_whose_licence_has_ended_cannot_schedule_and_its_existing_run_still_records_its_registers()
    {
        using var host = new FakeClockHost(fixture);
        var planner = await fixture.ApiClientAsync(EndedTenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, EndedTenant);
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var run = await ScheduleAsync(planner, EndedTenant, today.AddDays(7), f1.UserId, f2.UserId);
        var referral = await EligibleAsync(planner, EndedTenant);
        await BookAsync(planner, EndedTenant, run, referral);

        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var licence = await LicenceOfAsync(national, EndedTenant);
        var ended = await (await national.PostJson($"{Url}/{licence.Id}/end", new ChangeLicenceStatusRequest("Contract not renewed", licence.Version)))
            .ReadAs<LicenceResponse>();
        Assert.Equal((LicenceStatus.Ended, LicenceStanding.Ended), (ended.Status, ended.Standing));

        var refusal = await (await planner.PostJson(Runs(EndedTenant), new ScheduleRunRequest(
                Cohort.IpvMale, "en", new SessionDto(today.AddDays(14), null, null), new SessionDto(today.AddDays(42), null, null),
                WorkshopDelivery.Venue, run.Venue!.Id, null, 12, [f1.UserId, f2.UserId])))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal($"The service's licence ended on {today.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}", refusal.GetProperty("title").GetString());
        Assert.Equal("licence", refusal.GetProperty("field").GetString());

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(30));
        (await RegisterAsync(await host.PersonAsync(f1.Email), EndedTenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended)))
            .EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_tenant_without_a_licence_cannot_schedule_until_the_licence_admin_licenses_it()
    {
        var planner = await fixture.ApiClientAsync(UnlicensedTenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, UnlicensedTenant);
        var venue = (await (await planner.GetAsync($"/api/v1/tenants/{UnlicensedTenant}/venues")).ReadAs<List<VenueResponse>>())[0];
        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        var request = new ScheduleRunRequest(Cohort.IpvMale, "en", new SessionDto(today.AddDays(10), null, null), new SessionDto(today.AddDays(38), null, null),
            WorkshopDelivery.Venue, venue.Id, null, 10, [f1.UserId, f2.UserId]);
        var none = await (await planner.PostJson(Runs(UnlicensedTenant), request)).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The service has no licence to deliver CARA", none.GetProperty("title").GetString());

        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var unlicensed = (await (await national.GetAsync(Url)).ReadAs<List<LicenceSummary>>()).Single(l => l.Tenant == UnlicensedTenant);
        Assert.Equal((LicenceStanding.None, null), (unlicensed.Standing, unlicensed.LicenceId));

        var invalid = await (await national.PostJson(Url, new CreateLicenceRequest(UnlicensedTenant, "", "PCC", ["atlantis"], today, today.AddDays(-1),
            DeliveryModel.LicenceHolder, ["pl"], [], null))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["cohorts", "endsOn", "languages", "licensee"], invalid.Errors().Keys.Order(StringComparer.Ordinal));
        var unknownForce = await (await national.PostJson(Url, new CreateLicenceRequest(UnlicensedTenant, "The Hampton Trust", "PCC", ["atlantis"], today,
            today.AddYears(1), DeliveryModel.LicenceHolder, ["en"], [Cohort.IpvMale], null))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("forces[0]", unknownForce.Errors().Keys);

        var created = await (await national.PostJson(Url, new CreateLicenceRequest(UnlicensedTenant, "The Hampton Trust",
            "The Police and Crime Commissioner for Cambridgeshire", ["cambridgeshire"], today.AddDays(-1), today.AddYears(3),
            DeliveryModel.LicenceHolder, ["en"], [Cohort.IpvMale, Cohort.IpvFemale], "Annual data return by 30 April")))
            .ReadAs<LicenceResponse>(HttpStatusCode.Created);
        Assert.Equal((LicenceStanding.Active, "Granted"), (created.Standing, created.History[0].Reason));
        var again = await (await national.PostJson(Url, new CreateLicenceRequest(UnlicensedTenant, "Someone else", "PCC", ["cambridgeshire"], today,
            today.AddYears(1), DeliveryModel.Partner, ["en"], [Cohort.IpvMale], null))).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("tenant", again.GetProperty("field").GetString());

        (await planner.PostJson(Runs(UnlicensedTenant), request)).EnsureSuccessStatusCode();
        // The application role may only add audit rows; the owner reads them.
        await using var owner = fixture.Database.SuperuserContext();
        Assert.True(await owner.AuditEvents.AnyAsync(a => a.Action == "licence-granted" && a.Subject == created.Id.ToString()));
    }

    [Fact]
    public async Task Amending_suspending_and_reinstating_keep_a_history_and_a_stale_version_is_refused()
    {
        var national = await fixture.PersonApiAsync(LicenceAdmin);
        var licence = await LicenceOfAsync(national, WarnedTenant);
        UpdateLicenceRequest Amended(string conditions, uint version) => new(licence.Licensee, licence.CommissioningBody, [.. licence.Forces],
            licence.StartsOn, licence.EndsOn, licence.DeliveryModel, [.. licence.Languages], [.. licence.Cohorts], conditions, version);

        var amended = await (await national.PutAsJsonAsync($"{Url}/{licence.Id}", Amended("Quarterly returns", licence.Version), HttpExtensions.Json))
            .ReadAs<LicenceResponse>();
        var change = amended.History[0];
        Assert.Equal([new LicenceFieldChange("conditions", licence.Conditions, "Quarterly returns")], change.Fields);
        Assert.NotNull(change.ByUserId);

        var stale = await (await national.PutAsJsonAsync($"{Url}/{licence.Id}", Amended("Monthly returns", licence.Version), HttpExtensions.Json))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("changed", stale.GetProperty("title").GetString(), StringComparison.Ordinal);

        var noReason = await (await national.PostJson($"{Url}/{licence.Id}/suspend", new ChangeLicenceStatusRequest("", amended.Version)))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("reason", noReason.Errors().Keys);
        var suspended = await (await national.PostJson($"{Url}/{licence.Id}/suspend", new ChangeLicenceStatusRequest("Data return overdue", amended.Version)))
            .ReadAs<LicenceResponse>();
        Assert.Equal(LicenceStanding.Suspended, suspended.Standing);
        var twice = await (await national.PostJson($"{Url}/{licence.Id}/suspend", new ChangeLicenceStatusRequest("Again", suspended.Version)))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("The licence is already suspended", twice.GetProperty("title").GetString());
        var reinstated = await (await national.PostJson($"{Url}/{licence.Id}/reinstate", new ChangeLicenceStatusRequest("Data return received", suspended.Version)))
            .ReadAs<LicenceResponse>();
        Assert.Equal(LicenceStanding.Active, reinstated.Standing);
        Assert.Equal([(LicenceStatus?)LicenceStatus.Suspended, LicenceStatus.Active], reinstated.History.Take(2).Select(h => h.FromStatus));
        Assert.Equal(["Data return received", "Data return overdue"], reinstated.History.Take(2).Select(h => h.Reason));
    }

    [Fact]
    public async Task Platform_roles_read_licences_and_only_the_licence_admin_changes_them()
    {
        var trainer = await fixture.PersonApiAsync("trainer@hamptontrust.demo");
        var licence = await LicenceOfAsync(trainer, WarnedTenant);
        Assert.Equal(HttpStatusCode.Forbidden, (await trainer.PostJson($"{Url}/{licence.Id}/end", new ChangeLicenceStatusRequest("No", licence.Version))).StatusCode);
        var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync($"{Url}/{licence.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await analyst.GetAsync($"{Url}/{Guid.NewGuid()}")).StatusCode);
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task The_daily_job_emails_the_licence_admins_and_the_tenant_s_provider_admins_once_at_90_and_once_at_30_days()
    {
        var providerAdmin = await TestPeople.MemberAsync(fixture, WarnedTenant, TenantRole.ProviderAdmin);
        var tenant = await fixture.Database.TenantAsync(WarnedTenant);
        var endsOn = (await LicenceOfAsync(await fixture.PersonApiAsync(LicenceAdmin), WarnedTenant)).EndsOn;
        var clock = new FakeTimeProvider(UkCalendar.At(endsOn.AddDays(-91), new TimeOnly(6, 0)));
        var job = ActivatorUtilities.CreateInstance<LicenceWarningJob>(fixture.Web.Services, (TimeProvider)clock);
        Task<int> RoundAsync() => job.RunOnceAsync(default, t => t.TenantId == tenant.TenantId);

        Assert.Equal(0, await RoundAsync());
        clock.SetUtcNow(UkCalendar.At(endsOn.AddDays(-90), new TimeOnly(6, 0)));
        Assert.Equal(1, await RoundAsync());
        Assert.Equal(0, await RoundAsync());
        clock.SetUtcNow(UkCalendar.At(endsOn.AddDays(-30), new TimeOnly(6, 0)));
        Assert.Equal(1, await RoundAsync());
        Assert.Equal(0, await RoundAsync());

        var mailbox = fixture.Web.Services.GetRequiredService<Mailbox>();
        await using var db = fixture.Database.AppContext(null);
        var subject = $"CARA licence for {tenant.Name} ends on {endsOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}";
        var mail = await db.OutgoingMail.AsNoTracking().Where(m => m.Subject == subject).ToListAsync();
        Assert.Equal(2, mail.Count(m => m.To == providerAdmin.Email));
        Assert.Equal(2, mail.Count(m => m.To == LicenceAdmin));
        Assert.All(mail, m => Assert.Equal("licence-warning", m.Kind));
        Assert.Contains("to deliver CARA for", mailbox.BodyOf(mail[0]), StringComparison.Ordinal);
        Assert.DoesNotContain(mail, m => m.To.EndsWith("@hampshire.demo", StringComparison.Ordinal));
    }
}
