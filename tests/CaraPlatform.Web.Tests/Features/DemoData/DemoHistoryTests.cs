using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.DemoData;
using CaraPlatform.Web.Platform;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace CaraPlatform.Web.Tests.Features.DemoData;

/// <summary>
/// The demo history on a database of its own, as a new clone's first run makes it: the shared host keeps it off
/// (DemoData:History=false), since its tests count what they make in the demo tenants.
/// </summary>
public sealed class DemoHistoryTests(CaraPlatformFixture fixture, ITestOutputHelper output) : IntegrationTest
{
    private sealed record Shape(
        Dictionary<ReferralStatus, int> States, int PastRunsWithRegisters, int PastRunsWithFeedback, int FutureRunsWithBookingsAndSeats,
        int RunsInNextFortnight, int ReadNotices, int UnreadNotices, int Victims, int Events, List<string> References,
        int Cases, int UnassignedCases, int CasesOfTheDemoWorker, HashSet<VictimCaseEntryKind> EntryKinds);

    [Fact]
    public async Task A_fresh_Development_database_gets_each_demo_tenant_a_history_in_every_state_and_a_second_run_adds_nothing()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();
        using var web = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("ConnectionStrings:Cara", database.ApplicationConnectionString);
            b.UseSetting("ConnectionStrings:CaraOwner", database.OwnerConnectionString);
            b.UseSetting("Cara:TenantsPath", RepoPaths.Tenants);
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("Database:SeedDemoData", "true");
            b.UseSetting(DemoSeed.HistorySetting, "true");
            b.UseSetting("DataProtection:DevelopmentCertificatePath", CaraWebFactory.DataProtectionCertificatePath);
            b.UseSetting("Notices:Dispatch:Enabled", "false");
            b.UseSetting("TenantEvents:Relay:Enabled", "false");
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
        });
        web.CreateClient().Dispose(); // starts the host, which migrates and seeds

        var first = await ShapesAsync(web.Services);
        foreach (var (tenant, shape) in first)
            output.WriteLine($"{tenant}: {string.Join(", ", shape.States.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; past runs with registers {shape.PastRunsWithRegisters}, with feedback {shape.PastRunsWithFeedback}; future runs with bookings and seats {shape.FutureRunsWithBookingsAndSeats}; notices read {shape.ReadNotices}, unread {shape.UnreadNotices}");
        foreach (var (tenant, shape) in first)
        {
            foreach (var state in Enum.GetValues<ReferralStatus>())
                Assert.True(shape.States.GetValueOrDefault(state) > 0, $"{tenant} has no referral {state}");
            Assert.Equal(DemoCast.ReferralCount, shape.States.Values.Sum());
            Assert.Equal(DemoCast.ReferralCount, shape.Victims);
            Assert.Equal(DemoCast.ReferralCount, shape.Cases);
            Assert.True(shape.UnassignedCases > 0, $"{tenant} has no unassigned victim-contact case");
            Assert.Equal(3, shape.CasesOfTheDemoWorker);
            Assert.Superset(
                new HashSet<VictimCaseEntryKind> { VictimCaseEntryKind.SafeContactCheck, VictimCaseEntryKind.ContactAttempt, VictimCaseEntryKind.Escalation, VictimCaseEntryKind.ReportedChange },
                shape.EntryKinds);
            Assert.True(shape.PastRunsWithRegisters >= 8, $"{tenant}: {shape.PastRunsWithRegisters} past runs with registers");
            Assert.True(shape.PastRunsWithFeedback >= 5, $"{tenant}: {shape.PastRunsWithFeedback} past runs with feedback");
            Assert.True(shape.FutureRunsWithBookingsAndSeats >= 2, $"{tenant}: {shape.FutureRunsWithBookingsAndSeats} future runs with bookings and seats");
            Assert.True(shape.RunsInNextFortnight >= 1, $"{tenant} has no run in the next 14 days");
            Assert.True(shape.ReadNotices > 0 && shape.UnreadNotices > 0, $"{tenant}: {shape.ReadNotices} read, {shape.UnreadNotices} unread notices");
        }

        // A restart of ./build.sh run seeds again: the tenants have referrals now, so nothing is added.
        foreach (var seed in web.Services.GetServices<IDevelopmentSeed>()) await seed.RunAsync();
        var second = await ShapesAsync(web.Services);
        foreach (var (tenant, shape) in first)
        {
            Assert.Equal(shape.References, second[tenant].References);
            Assert.Equal(shape.Events, second[tenant].Events);
            Assert.Equal(shape.EntryKinds, second[tenant].EntryKinds);
            Assert.Equal(shape.ReadNotices + shape.UnreadNotices, second[tenant].ReadNotices + second[tenant].UnreadNotices);
        }

        // The people are the seed's: the cast for today, tenant by tenant.
        foreach (var (tenant, shape) in first)
        {
            var definition = (await TenantAsync(web.Services, tenant)).Settings;
            var cast = DemoCast.For(definition, $"{tenant}.demo", UkCalendar.DateOf(DateTimeOffset.UtcNow));
            Assert.Equal(cast.Referrals.Select(r => r.Details.PoliceReference).Order(StringComparer.Ordinal), shape.References);
        }
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_people_and_each_tenant_its_own()
    {
        var hampshire = (await fixture.Database.TenantAsync("hampshire")).Settings;
        var westYorkshire = (await fixture.Database.TenantAsync("west-yorkshire")).Settings;
        var day = new DateOnly(2026, 3, 14);

        string People(DemoCast cast) => string.Join("\n", cast.Referrals.Select(r =>
            $"{r.ReceivedAt:O} {r.Details.PoliceReference} {r.Details.Offender} {r.Victim.GivenName} {r.Victim.FamilyName} {r.Script}"))
            + string.Join("\n", cast.Facilitators);

        Assert.Equal(People(DemoCast.For(hampshire, "hampshire.demo", day)), People(DemoCast.For(hampshire, "hampshire.demo", day)));
        Assert.NotEqual(People(DemoCast.For(hampshire, "hampshire.demo", day)), People(DemoCast.For(westYorkshire, "west-yorkshire.demo", day)));

        var cast = DemoCast.For(hampshire, "hampshire.demo", day);
        Assert.All(cast.Referrals, r =>
        {
            Assert.True(r.Details.Offence.Date >= r.Details.Offender.Birthday(EligibilityRules.MinimumAge), "every offender is an adult");
            Assert.Matches(@"^44/\d{5}/\d{2}$", r.Details.PoliceReference);
            Assert.True(Postcode.TryNormalise(r.Details.Offender.Postcode, out _), r.Details.Offender.Postcode);
        });
        Assert.All(DemoCast.For(westYorkshire, "west-yorkshire.demo", day).Referrals, r => Assert.Matches(@"^13\d{9}$", r.Details.PoliceReference));
    }

    private static async Task<CaraTenantInfo> TenantAsync(IServiceProvider services, string slug) =>
        (await services.GetRequiredService<IMultiTenantStore<CaraTenantInfo>>().TryGetByIdentifierAsync(slug))!;

    private static async Task<Dictionary<string, Shape>> ShapesAsync(IServiceProvider services)
    {
        var now = DateTimeOffset.UtcNow;
        var run = await services.GetRequiredService<TenantRunner>().RunAsync("Reading the demo history", async (tenant, tenantServices, ct) =>
        {
            var worker = await tenantServices.GetRequiredService<UserManager<CaraUser>>().FindByEmailAsync($"victim-contact@{tenant.Identifier}.demo");
            await using var db = await services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync(ct);
            var referrals = await db.Referrals.AsNoTracking().ToListAsync(ct);
            var runs = await db.CourseRuns.AsNoTracking().ToListAsync(ct);
            var registers = await db.WorkshopRegisters.AsNoTracking().Select(r => r.RunId).Distinct().ToListAsync(ct);
            var feedback = await db.FeedbackResponses.AsNoTracking().Select(f => f.RunId).Distinct().ToListAsync(ct);
            var notices = await db.PoliceNotices.AsNoTracking().Where(n => n.InboxDeliveredAt != null).ToListAsync(ct);
            return new Shape(
                referrals.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count()),
                runs.Count(r => r.Workshop2.EndsAt < now && registers.Contains(r.Id)),
                runs.Count(r => r.Workshop2.EndsAt < now && feedback.Contains(r.Id)),
                runs.Count(r => r.Workshop1.StartsAt > now && r.BookedCount > 0 && r.SeatsLeft > 0),
                runs.Count(r => r.Workshop1.StartsAt > now && r.Workshop1.StartsAt < now.AddDays(14)),
                notices.Count(n => n.ReadAt != null),
                notices.Count(n => n.ReadAt == null),
                await db.VictimRecords.CountAsync(ct),
                await db.TenantEvents.CountAsync(ct),
                [.. referrals.Select(r => r.PoliceReference).Order(StringComparer.Ordinal)],
                await db.VictimCases.CountAsync(ct),
                await db.VictimCases.CountAsync(c => c.WorkerId == null, ct),
                await db.VictimCases.CountAsync(c => c.WorkerId == worker!.Id, ct),
                [.. await db.VictimCaseEntries.Select(e => e.Kind).Distinct().ToListAsync(ct)]);
        }, t => t.Identifier is "hampshire" or "west-yorkshire");
        Assert.Empty(run.Failures);
        return run.Results.ToDictionary(r => r.Tenant.Identifier, r => r.Result);
    }
}
