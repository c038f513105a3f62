using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;
using CaraPlatform.Web.Features.Referrals.Contracts;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>
/// The national read model's feed: referrals driven through the API, relayed, land in <c>national.referrals</c> and
/// <c>national.runs</c> as codes, bands, stage days and pseudonyms; applying events again changes nothing; a rebuild from
/// scratch equals the incrementally built model; no name, date of birth, postcode or victim value crosses.
/// </summary>
public sealed class NationalFeedTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "leicestershire";

    private const string FamilyName = "Łukaszewski-Zielony";
    private const string GivenName = "Zbigniew";
    private const string Postcode = "LE1 7RH";
    private static readonly DateOnly DateOfBirth = new(1984, 2, 29);

    [Fact]
    public async Task A_completed_a_returned_and_a_breached_referral_become_national_rows_of_codes_and_stage_days()
    {
        var story = await DriveAsync();

        var completed = await RowAsync(story.Completed);
        Assert.Equal(ReferralStatus.Completed, completed.Status);
        Assert.Equal(story.ReceivedOn, completed.ReceivedOn);
        Assert.Equal(new DateOnly(story.ReceivedOn.Year, story.ReceivedOn.Month, 1), completed.Month);
        Assert.Equal(ReferralApi.Forces[Tenant], completed.ForceCode);
        Assert.Equal((NationalOffenceTypes.CommonAssault, OffenceRelationship.CurrentPartner, true), (completed.OffenceTypeCode, completed.Relationship, completed.Ipv));
        Assert.Equal((DashRisk.Standard, Sex.Male, Cohort.IpvMale), (completed.DashLevel, completed.Sex, completed.Cohort));
        Assert.Equal(("35-44", "W9", "en"), (completed.AgeBand, completed.Ethnicity, completed.Language));
        Assert.Equal(story.ReceivedOn, completed.ScreenedEligibleOn);
        Assert.Equal(story.ReceivedOn, completed.FirstContactOn);
        Assert.Equal(story.ReceivedOn, completed.BookedOn);
        Assert.Equal(story.Run.Id, completed.RunId);
        Assert.Equal(story.Run.Workshop1.Date, completed.Workshop1On);
        Assert.Equal(story.Run.Workshop2.Date, completed.CompletedOn);
        Assert.Null(completed.NonCompliantOn);
        Assert.Matches("^[0-9a-f]{64}$", completed.OffenderKey);
        Assert.Matches("^[0-9a-f]{64}$", completed.PairKey!);

        var returned = await RowAsync(story.Returned);
        Assert.Equal((ReferralStatus.ReturnedIneligible, ReferralStatus.ReturnedIneligible, story.ReceivedOn), (returned.Status, returned.ReturnedAs, returned.ReturnedOn));
        Assert.Equal([EligibilityRules.Codes.OnBail, EligibilityRules.Codes.CoerciveControl], returned.ReturnReasons);
        Assert.Null(returned.ScreenedEligibleOn);

        var breached = await RowAsync(story.Breached);
        Assert.Equal(ReferralStatus.NonCompliant, breached.Status);
        Assert.Equal((story.Run.Workshop1.Date, "absent-workshop1"), (breached.NonCompliantOn!.Value, breached.BreachReason));
        Assert.Null(breached.Workshop1On);

        var run = await ReadAsync(db => db.NationalRuns.SingleAsync(r => r.RunId == story.Run.Id));
        Assert.Equal((Cohort.IpvMale, "en", WorkshopDelivery.Venue, 12), (run.Cohort, run.Language, run.Delivery, run.Capacity));
        Assert.Equal((story.Run.Workshop1.Date, story.Run.Workshop2.Date, (DateOnly?)null), (run.Workshop1On, run.Workshop2On, run.CancelledOn));
    }

    [Fact]
    public async Task Applying_the_tenants_events_again_changes_nothing()
    {
        await DriveAsync();
        var before = await SnapshotAsync();

        var tenant = await fixture.Database.TenantAsync(Tenant);
        using (fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
            var events = await db.TenantEvents.AsNoTracking().OrderBy(e => e.TransactionId).ThenBy(e => e.Id).ToListAsync();
            var feed = fixture.Web.Services.GetServices<ITenantEventConsumer>().OfType<NationalFeed>().Single();
            await feed.HandleAsync(tenant, events, db, CancellationToken.None);
        }

        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_read_model_rebuilt_from_scratch_equals_the_incrementally_built_one()
    {
        await DriveAsync();
        var relay = await fixture.Web.Services.GetRequiredService<TenantEventRelay>().RunOnceAsync();
        Assert.Empty(relay.Failures);
        var incremental = await SnapshotAsync();
        Assert.Contains(incremental, row => row.StartsWith("national.referrals", StringComparison.Ordinal));
        Assert.Contains(incremental, row => row.StartsWith("national.runs", StringComparison.Ordinal));

        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var rebuilt = await scope.ServiceProvider.GetRequiredService<NationalRebuild>().RunAsync();

        Assert.Empty(rebuilt.FailedTenants);
        Assert.Contains("national.referrals", rebuilt.Tables);
        Assert.Contains("national.runs", rebuilt.Tables);
        Assert.Equal(incremental, await SnapshotAsync());
    }

    [Fact]
    public async Task No_name_date_of_birth_postcode_or_victim_value_is_in_any_national_row()
    {
        await DriveAsync();
        var text = string.Join("\n", await SnapshotAsync());

        string[] personal = [FamilyName, "Łukaszewski", "lukaszewski", GivenName, "zbigniew", "1984-02-29", Postcode, "LE17RH", .. ReferralApi.VictimValues, "vale"];
        foreach (var value in personal) Assert.DoesNotContain(value, text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_same_offender_has_one_pseudonym_across_referrals_another_key_gives_others_and_a_pairs_later_referrals_are_repeats()
    {
        var story = await DriveAsync();
        var first = await RowAsync(story.Completed);
        var second = await RowAsync(story.Returned);

        // The second referral spelled the name in capitals without the accent: the same person.
        Assert.Equal(first.OffenderKey, second.OffenderKey);
        Assert.Equal(first.PairKey, second.PairKey);
        Assert.NotEqual(first.OffenderKey, first.PairKey);
        // Every referral of the pair after its first (here and in the other tests driving the same people) is a repeat.
        var pair = await ReadAsync(db => db.NationalReferrals.Where(r => r.PairKey == first.PairKey).ToListAsync());
        var inOrder = pair.OrderBy(r => r.ReceivedOn).ThenBy(r => r.ReferralId.ToString("D"), StringComparer.Ordinal).ToList();
        Assert.True(inOrder.Count >= 2);
        Assert.Equal([false, .. Enumerable.Repeat(true, inOrder.Count - 1)], inOrder.Select(r => r.PairReferredBefore));

        var identity = new PersonIdentity("lukaszewskizielony", "zbigniew", DateOfBirth);
        Assert.Equal(first.OffenderKey, fixture.Web.Services.GetRequiredService<Pseudonyms>().Of(identity));
        Assert.NotEqual(first.OffenderKey, new Pseudonyms(RandomNumberGenerator.GetBytes(32)).Of(identity));
    }

    /// <summary>
    /// Three referrals of one offender in the tenant, relayed: one completed (screened, contacted, booked, both workshops),
    /// one returned as ineligible (on bail, coercive control), one absent from Workshop 1.
    /// </summary>
    private async Task<Story> DriveAsync()
    {
        using var host = new FakeClockHost(fixture);
        await fixture.ApiClientAsync(Tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, Tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var police = await host.ClientAsync(Tenant);
        var planner = await host.PersonAsync(coordinator.Email);
        var receivedOn = UkCalendar.DateOf(host.Clock.GetUtcNow());

        var completed = await EligibleAsync(police, Tenant, Referral(FamilyName, GivenName));
        completed = await ReferralApi.MoveAsync(planner, Tenant, completed, "first-contact", new VersionRequest(completed.Version));
        var breached = await EligibleAsync(police, Tenant, Referral("Kowalczyk-Brzęczek", "Jarosław"));
        var run = await ScheduleAsync(planner, Tenant, receivedOn.AddDays(7), f1.UserId, f2.UserId);
        await BookAsync(planner, Tenant, run, completed);
        await BookAsync(planner, Tenant, run, breached);

        var returned = await ReferralApi.CreateAsync(police, Tenant, Referral(FamilyName.ToUpperInvariant().Replace('Ł', 'L'), GivenName.ToUpperInvariant()));
        returned = await ReferralApi.MoveAsync(planner, Tenant, returned, "start-screening", new VersionRequest(returned.Version));
        returned = await ReferralApi.MoveAsync(planner, Tenant, returned, "screening", new ScreeningDecisionRequest(
            ReferralApi.EligibleAnswers(Tenant) with { OnBail = true, EvidenceOfCoerciveOrControllingBehaviour = true },
            ScreeningDecision.Ineligible, "On bail, and coercive control disclosed", returned.Version));

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f1.Email), Tenant, run, WorkshopNumber.Workshop1,
            (completed.Id, AttendanceMark.Attended), (breached.Id, AttendanceMark.Absent))).EnsureSuccessStatusCode();
        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f2.Email), Tenant, run, WorkshopNumber.Workshop2, (completed.Id, AttendanceMark.Attended)))
            .EnsureSuccessStatusCode();

        await fixture.RelayEventsAsync(Tenant);
        return new Story(completed.Id, returned.Id, breached.Id, run, receivedOn);
    }

    private static CreateReferralRequest Referral(string familyName, string givenName)
    {
        var request = ReferralApi.New(Tenant);
        return request with
        {
            Offender = request.Offender! with
            {
                FamilyName = familyName,
                GivenName = givenName,
                DateOfBirth = DateOfBirth,
                Postcode = Postcode,
                PreferredLanguage = "en",
                Ethnicity = "W9",
            },
        };
    }

    private Task<NationalReferral> RowAsync(Guid referralId) => ReadAsync(db => db.NationalReferrals.SingleAsync(r => r.ReferralId == referralId));

    private async Task<T> ReadAsync<T>(Func<CaraDbContext, Task<T>> read)
    {
        await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>
    /// What each national table is fed from: a row counts when its source still exists in a tenant's tables. Rows other
    /// tests insert straight into the read model have none (a rebuild rightly drops them), and nor have cases retention
    /// erased (their events are erased too: docs/national-data.md).
    /// </summary>
    private static readonly Dictionary<string, string> Sources = new()
    {
        ["referrals"] = "referral_id IN (SELECT id FROM referrals) AND referral_id NOT IN (SELECT referral_id FROM erasure_log)",
        ["runs"] = "run_id IN (SELECT id FROM course_runs)",
        ["run_attendances"] = "referral_id IN (SELECT id FROM referrals) AND referral_id NOT IN (SELECT referral_id FROM erasure_log)",
        ["feedback_answers"] = "feedback_id IN (SELECT id FROM feedback_responses)",
        ["victim_changes"] = "entry_id IN (SELECT id FROM victim_case_entries)",
        ["signposting"] = "entry_id IN (SELECT id FROM victim_case_entries)",
        ["outcomes"] = "follow_up_id IN (SELECT id FROM reoffending_follow_ups)",
    };

    /// <summary>
    /// Every row of every event-fed table of schema national whose source is in the tenants' tables, as "table: json", in
    /// order: the read model as data. Read as the superuser, which row-level security does not narrow.
    /// </summary>
    private async Task<List<string>> SnapshotAsync()
    {
        await using var db = fixture.Database.SuperuserContext();
        var tables = await db.Database.SqlQuery<string>($"SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = 'national' ORDER BY 1").ToListAsync();
        Assert.Equal(Sources.Keys.Order(StringComparer.Ordinal), tables.Where(t => !NationalRebuild.NotFromEvents.Contains(t)));
        var rows = new List<string>();
        foreach (var table in tables.Where(Sources.ContainsKey))
        {
#pragma warning disable EF1002 // The table names come from the catalogue, the conditions from this class.
            rows.AddRange(await db.Database.SqlQueryRaw<string>(
                $"SELECT 'national.{table}: ' || row_to_json(t)::text AS \"Value\" FROM national.{table} t WHERE {Sources[table]}").ToListAsync());
#pragma warning restore EF1002
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private sealed record Story(Guid Completed, Guid Returned, Guid Breached, RunResponse Run, DateOnly ReceivedOn);
}
