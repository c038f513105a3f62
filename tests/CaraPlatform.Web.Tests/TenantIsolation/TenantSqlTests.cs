namespace CaraPlatform.Web.Tests.TenantIsolation;

/// <summary>
/// Every command the app sends to a tenant table names its tenant (<see cref="TenantSqlCheck"/>, recorded by
/// <see cref="TenantSqlRecorder"/> in the test hosts): what lets the database be distributed by tenant_id later
/// (DESIGN §2). Each test stands on its own, whatever ran before it; the fixture checks the whole collection at its end.
/// </summary>
public sealed class TenantSqlTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    private static TenantSqlRecorder Recorder => TenantSqlRecorder.Instance;

    [Fact]
    public async Task A_journey_through_the_API_the_portal_and_the_event_relay_sends_only_commands_pinned_to_their_tenant()
    {
        using var watch = Recorder.StartWatching();

        var api = await fixture.ApiClientAsync(Tenant);
        var (first, second) = await WorkshopApi.FacilitatorsAsync(fixture, Tenant);
        var run = await WorkshopApi.ScheduleAsync(api, Tenant, UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(24), first.UserId, second.UserId);
        var referral = await WorkshopApi.EligibleAsync(api, Tenant); // created, screening started, screened eligible
        await WorkshopApi.BookAsync(api, Tenant, run, referral);
        await (await api.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.True((await api.GetAsync($"{ReferralApi.Url(Tenant)}?limit=20")).IsSuccessStatusCode);
        Assert.True((await api.GetAsync($"{WorkshopApi.Runs(Tenant)}/{run.Id}")).IsSuccessStatusCode);
        await fixture.RelayEventsAsync(Tenant); // the consumers: event log, police notices, national feed

        var coordinator = await UserTokens.SignedInBrowserAsync(fixture.Web, "coordinator@hampshire.demo");
        foreach (var page in new[] { "", "/referrals", $"/referrals/{referral.Id}", "/referrals/screening", "/runs", $"/runs/{run.Id}", "/notices" })
            await UserTokens.GetOkAsync(coordinator, $"/t/{Tenant}{page}");
        var facilitator = await UserTokens.SignedInBrowserAsync(fixture.Web, "facilitator@hampshire.demo");
        await UserTokens.GetOkAsync(facilitator, $"/t/{Tenant}/my-workshops");

        Assert.True(watch.Violations.Count == 0, TenantSqlRecorder.Report("during the journey", watch.Violations));
        // The check saw the traffic, not an empty record: many statements, over the tables the journey works on.
        Assert.True(watch.Statements.Count >= 50, $"only {watch.Statements.Count} distinct statements seen");
        string[] worked = ["referrals", "course_runs", "bookings", "memberships", "tenant_events", "tenant_event_cursors"];
        Assert.Empty(worked.Except(watch.TenantTables));
        Assert.True(Recorder.Violations.Count == 0, TenantSqlRecorder.Report($"by the tests so far ({Recorder.DistinctStatements} distinct statements)", Recorder.Violations));
    }

    [Fact]
    public async Task A_query_through_an_app_context_that_ignores_the_tenant_filter_is_caught_and_kept_out_of_the_record()
    {
        var hampshire = await fixture.Database.TenantAsync(Tenant);
        const string Tag = "tenant-sql-check: on purpose";
        using (var expected = Recorder.ExpectViolations())
        {
            // The shared host's DbContextFactory: the app's own context, row-level security and all.
            await using var db = fixture.Database.AppContext(hampshire, fixture.Web.Services);
            Assert.NotEmpty(await db.Venues.TagWith(Tag).ToListAsync());
            Assert.Empty(expected.Violations);

            var venues = await db.Venues.IgnoreQueryFilters().TagWith(Tag).ToListAsync();
            // Row-level security still holds the session to the tenant: the rows are right, the SQL does not say so.
            Assert.All(venues, v => Assert.Equal(hampshire.TenantId, v.TenantId));
            var violation = Assert.Single(expected.Violations);
            Assert.Equal(["venues AS v has no tenant_id condition"], violation.Problems);
            Assert.Contains(Tag, violation.Sql, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Recorder.Violations, v => v.Sql.Contains(Tag, StringComparison.Ordinal));
    }
}
