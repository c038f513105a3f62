using CaraPlatform.Web.Platform.Logging;
using CaraPlatform.Web.Platform.Mail;
using Microsoft.AspNetCore.DataProtection;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// Personal values never reach the application log (issue 13, part 6): one referral driven through its whole life over
/// the API on a host logging everything of its own and of ASP.NET Core (Trace) and EF Core's commands (Information),
/// then every line searched for every personal value the referral carries.
/// </summary>
public sealed class PersonalValuesInLogsTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "leicestershire";

    private static readonly OffenderDto Offender = new(
        "Loxley", "Brindlecombe", new DateOnly(1986, 7, 23), Sex.Male, "41 Tarnwick Close", "Flat Omicron", "Wickersby", "LE3 9QX",
        "07700 900614", "loxley.brindlecombe@example.org", "en", false, "Uses a Braille reader", false);

    private static readonly VictimDto Victim = new(
        "Perpetua", "Harrowgate-Nix", OffenceRelationship.CurrentPartner, SafeContactMethod.Email, "07700 900615", "perpetua.hn@example.org",
        "9 Sallowmere Yard, Leicester", "Evenings after eight", true, "Ring twice then hang up.");

    private static readonly string[] PersonalValues =
    [
        "Loxley", "Brindlecombe", "1986-07-23", "23/07/1986", "41 Tarnwick Close", "Flat Omicron", "Wickersby", "LE3 9QX", "LE39QX", "07700 900614",
        "loxley.brindlecombe@example.org", "Braille", "Perpetua", "Harrowgate-Nix", "07700 900615", "perpetua.hn@example.org", "Sallowmere",
        "Evenings after eight", "Ring twice",
    ];

    [Fact]
    public async Task A_referral_through_its_whole_life_leaves_no_personal_value_in_the_log()
    {
        var logs = new CapturingLoggerProvider();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var web = fixture.Web.WithWebHostBuilder(b =>
        {
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
            b.UseSetting("Mail:Dispatch:Enabled", "false");
            b.UseSetting("Notices:Dispatch:Tenants:0", Tenant);
            b.ConfigureLogging(l => l.AddProvider(logs)
                .AddFilter<CapturingLoggerProvider>("CaraPlatform", LogLevel.Trace)
                .AddFilter<CapturingLoggerProvider>("Microsoft.AspNetCore", LogLevel.Trace)
                .AddFilter<CapturingLoggerProvider>("Microsoft.EntityFrameworkCore", LogLevel.Information));
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                s.AddSingleton(sp => new Mailbox(sp.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System));
            });
        });
        await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var admin = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin);
        async Task<HttpClient> Person(string email) =>
            Bearer(web, (await UserTokens.AuthorizationCodeAsync(web, email, password: DemoSeed.Password)).AccessToken);
        var police = Bearer(web, await Tokens.ClientCredentialsAsync(web.CreateClient(), $"{Tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes)));
        var planner = await Person(coordinator.Email);

        var referral = await ReferralApi.CreateAsync(police, Tenant, ReferralApi.New(Tenant) with { Offender = Offender, Victim = Victim });
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "start-screening", new VersionRequest(referral.Version));
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "screening",
            new ScreeningDecisionRequest(ReferralApi.EligibleAnswers(Tenant), ScreeningDecision.Eligible, null, referral.Version));
        referral = await ReferralApi.MoveAsync(planner, Tenant, referral, "first-contact", new VersionRequest(referral.Version));
        var run = await ScheduleAsync(planner, Tenant, UkCalendar.DateOf(clock.GetUtcNow()).AddDays(7), f1.UserId, f2.UserId);
        var booking = await BookAsync(planner, Tenant, run, referral);
        (await planner.GetAsync($"/api/v1/tenants/{Tenant}/bookings/{booking.Id}/letter")).EnsureSuccessStatusCode();

        clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(30));
        (await RegisterAsync(await Person(f1.Email), Tenant, run, WorkshopNumber.Workshop1, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        clock.SetUtcNow(run.Workshop2.StartsAt.AddHours(4));
        (await RegisterAsync(await Person(f2.Email), Tenant, run, WorkshopNumber.Workshop2, (referral.Id, AttendanceMark.Attended))).EnsureSuccessStatusCode();
        var relay = await web.Services.GetRequiredService<TenantEventRelay>().RunOnceAsync(Tenant);
        Assert.Empty(relay.Failures);
        await web.Services.GetRequiredService<NoticeDispatcher>().RunOnceAsync();

        var officer = await Person(admin.Email);
        (await officer.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}/victim?reason=safeguarding+check")).EnsureSuccessStatusCode();
        var found = await (await officer.GetAsync($"{ReferralApi.Url(Tenant)}?q=Brindlecombe&dateOfBirth=1986-07-23")).ReadAs<ReferralPage>();
        Assert.Equal(ReferralStatus.Completed, Assert.Single(found.Items).Status);
        (await officer.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}/subject-access?subject=offender&format=pdf")).EnsureSuccessStatusCode();

        var lines = logs.Lines.ToList();
        // The request lines are still there, the search's without its query text.
        Assert.Contains(lines, l => l.Contains($"/referrals{RequestQueryRedaction.Redacted}", StringComparison.Ordinal));
        var leaks = lines.SelectMany(line => PersonalValues.Where(v => line.Contains(v, StringComparison.OrdinalIgnoreCase)).Select(v => $"'{v}' in: {line}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(20)));
    }

    private static HttpClient Bearer(WebApplicationFactory<Program> web, string token)
    {
        var client = web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
