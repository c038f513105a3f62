using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National;
using static CaraPlatform.Web.Tests.Support.WorkshopApi;

namespace CaraPlatform.Web.Tests.Features.National;

/// <summary>
/// Issue 14's first acceptance line: twenty referrals driven through the API along different paths in two tenants of this
/// test alone, relayed into the national read model; the national figures (before suppression, and as the API shows them
/// after it) equal the counts worked out by hand from the paths.
/// </summary>
public sealed class NationalFiguresTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly string A = PostgresFixture.NationalTenants[0];
    private static readonly string B = PostgresFixture.NationalTenants[1];

    /// <summary>How far a referral goes: the hand count of each figure follows from these.</summary>
    private enum Path
    {
        Received,
        Screening,
        ReturnedIneligible,
        ReturnedUncontactable,
        WithdrawnWhenEligible,
        Contacted,
        Booked,
        AbsentWorkshop1,
        AttendedWorkshop1,
        LateWorkshop2,
        AbsentWorkshop2,
        Completed,
    }

    private static readonly Path[] PathsA =
    [
        Path.Completed, Path.Completed, Path.Completed, Path.AbsentWorkshop1, Path.AbsentWorkshop1, Path.LateWorkshop2,
        Path.ReturnedIneligible, Path.ReturnedIneligible, Path.ReturnedUncontactable, Path.WithdrawnWhenEligible, Path.Received, Path.Screening,
    ];

    private static readonly Path[] PathsB =
    [
        Path.Completed, Path.Completed, Path.AbsentWorkshop2, Path.Booked, Path.Booked, Path.ReturnedIneligible, Path.Contacted, Path.Received,
    ];

    [Fact]
    public async Task Twenty_referrals_on_different_paths_in_two_tenants_give_the_national_figures_counted_by_hand()
    {
        using var host = new FakeClockHost(fixture);
        await DriveAsync(host, A, PathsA);
        await DriveAsync(host, B, PathsB);
        await fixture.RelayEventsAsync(A);
        await fixture.RelayEventsAsync(B);

        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var data = scope.ServiceProvider.GetRequiredService<NationalData>();
        foreach (var (tenant, paths) in new[] { (A, PathsA), (B, PathsB) })
        {
            var filter = new NationalFilter(Tenant: tenant);
            async Task<NationalTable> Raw(string id) => await data.Find(id)!.ComputeAsync(filter, CancellationToken.None);

            var funnel = await Raw("funnel");
            Assert.Equal(paths.Length, Count(funnel, "referred", "reached"));
            Assert.Equal(paths.Count(p => p >= Path.WithdrawnWhenEligible), Count(funnel, "eligible", "reached"));
            Assert.Equal(paths.Count(p => p >= Path.Contacted), Count(funnel, "contacted", "reached"));
            Assert.Equal(paths.Count(p => p >= Path.Booked), Count(funnel, "booked", "reached"));
            Assert.Equal(paths.Count(p => p >= Path.AttendedWorkshop1), Count(funnel, "workshop1", "reached"));
            Assert.Equal(paths.Count(p => p == Path.Completed), Count(funnel, "completed", "reached"));

            var returns = await Raw("eligibility-returns");
            Assert.Equal(paths.Count(p => p == Path.ReturnedIneligible), Count(returns, "cambridgeshire", "ineligible"));
            Assert.Equal(paths.Count(p => p == Path.ReturnedUncontactable), Count(returns, "cambridgeshire", "uncontactable"));
            var reasons = await Raw("eligibility-return-reasons");
            Assert.Equal(paths.Count(p => p == Path.ReturnedIneligible), Count(reasons, EligibilityRules.Codes.OnBail, NationalTable.TotalKey));

            var compliance = await Raw("compliance");
            var breaches = paths.Count(p => p is Path.AbsentWorkshop1 or Path.LateWorkshop2 or Path.AbsentWorkshop2);
            Assert.Equal(paths.Count(p => p == Path.Completed), Count(compliance, "cambridgeshire", "completed"));
            Assert.Equal(breaches, Count(compliance, "cambridgeshire", "breached"));
            var byReason = await Raw("breaches-by-reason");
            Assert.Equal(paths.Count(p => p == Path.AbsentWorkshop1), CountOrZero(byReason, "cambridgeshire", "absent-workshop1"));
            Assert.Equal(paths.Count(p => p == Path.LateWorkshop2), CountOrZero(byReason, "cambridgeshire", "late-workshop2"));
            Assert.Equal(paths.Count(p => p == Path.AbsentWorkshop2), CountOrZero(byReason, "cambridgeshire", "absent-workshop2"));

            var bySex = await Raw("referrals-by-sex");
            Assert.Equal(paths.Length, Count(bySex, NationalTable.TotalKey, NationalTable.TotalKey));
            var trends = await Raw("referral-trends");
            Assert.Equal(paths.Length, trends.Rows.Where(r => r.Key != NationalTable.TotalKey).Sum(r => r.Cells.Where((_, c) => trends.Columns[c].Key != NationalTable.TotalKey).Sum(c => c.Value ?? 0)));

            // The API shows the same figures, each under 5 suppressed.
            var analyst = await fixture.PersonApiAsync("analyst@hamptontrust.demo");
            var shown = await (await analyst.GetAsync($"/api/v1/national/data/funnel?tenant={tenant}")).ReadAs<NationalTableResponse>();
            var referred = shown.Rows.Single(r => r.Key == "referred").Cells[0];
            Assert.Equal(paths.Length >= NationalCell.Threshold ? paths.Length : null, referred.Value);
            Assert.All(shown.Rows.SelectMany(r => r.Cells), cell => Assert.True(cell.Suppressed || cell.Value is null or >= NationalCell.Threshold, cell.Display));
        }
    }

    private static long Count(NationalTable table, string row, string column)
    {
        var r = table.Rows.SingleOrDefault(x => x.Key == row) ?? throw new Xunit.Sdk.XunitException($"{table.Id} has no row '{row}': {string.Join(", ", table.Rows.Select(x => x.Key))}");
        var c = table.Columns.Select((x, i) => (x.Key, i)).Single(x => x.Key == column).i;
        return (long)(r.Cells[c].Value ?? 0);
    }

    private static long CountOrZero(NationalTable table, string row, string column) =>
        table.Columns.Any(c => c.Key == column) ? Count(table, row, column) : 0;

    /// <summary>Each referral of <paramref name="paths"/> taken as far as its path says, on a run a week ahead.</summary>
    private async Task DriveAsync(FakeClockHost host, string tenant, Path[] paths)
    {
        await fixture.ApiClientAsync(tenant);
        var (f1, f2) = await FacilitatorsAsync(fixture, tenant);
        var coordinator = await TestPeople.MemberAsync(fixture, tenant, TenantRole.Coordinator);
        var police = await host.ClientAsync(tenant);
        var planner = await host.PersonAsync(coordinator.Email);
        var today = UkCalendar.DateOf(host.Clock.GetUtcNow());
        var run = await ScheduleAsync(planner, tenant, today.AddDays(7), f1.UserId, f2.UserId);
        // Those only booked wait for a later run, so the first run's registers mark everyone on it.
        var later = await ScheduleAsync(planner, tenant, today.AddDays(14), f1.UserId, f2.UserId);

        var booked = new List<(ReferralResponse Referral, Path Path)>();
        foreach (var path in paths)
        {
            var referral = await ReferralApi.CreateAsync(police, tenant);
            if (path == Path.Received) continue;
            referral = await ReferralApi.MoveAsync(planner, tenant, referral, "start-screening", new VersionRequest(referral.Version));
            if (path == Path.Screening) continue;
            if (path == Path.ReturnedUncontactable)
            {
                await ReferralApi.MoveAsync(planner, tenant, referral, "return-uncontactable", new ReasonRequest("No answer to calls or letters", referral.Version));
                continue;
            }

            var ineligible = path == Path.ReturnedIneligible;
            referral = await ReferralApi.MoveAsync(planner, tenant, referral, "screening", new ScreeningDecisionRequest(
                ReferralApi.EligibleAnswers(tenant) with { OnBail = ineligible }, ineligible ? ScreeningDecision.Ineligible : ScreeningDecision.Eligible,
                ineligible ? "On police bail" : null, referral.Version));
            if (ineligible) continue;
            if (path == Path.WithdrawnWhenEligible)
            {
                await ReferralApi.MoveAsync(police, tenant, referral, "withdraw", new ReasonRequest("Caution reviewed by the police", referral.Version));
                continue;
            }

            referral = await ReferralApi.MoveAsync(planner, tenant, referral, "first-contact", new VersionRequest(referral.Version));
            if (path == Path.Contacted) continue;
            await BookAsync(planner, tenant, path == Path.Booked ? later : run, referral);
            if (path != Path.Booked) booked.Add((referral, path));
        }

        host.Clock.SetUtcNow(run.Workshop1.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f1.Email), tenant, run, WorkshopNumber.Workshop1,
            [.. booked.Select(b => (b.Referral.Id, b.Path == Path.AbsentWorkshop1 ? AttendanceMark.Absent : AttendanceMark.Attended))]))
            .EnsureSuccessStatusCode();
        host.Clock.SetUtcNow(run.Workshop2.StartsAt.AddMinutes(10));
        (await RegisterAsync(await host.PersonAsync(f2.Email), tenant, run, WorkshopNumber.Workshop2,
            [.. booked.Where(b => b.Path != Path.AbsentWorkshop1).Select(b => (b.Referral.Id, b.Path switch
            {
                Path.LateWorkshop2 => AttendanceMark.LateRefusedEntry,
                Path.AbsentWorkshop2 => AttendanceMark.Absent,
                _ => AttendanceMark.Attended,
            }))])).EnsureSuccessStatusCode();
    }
}
