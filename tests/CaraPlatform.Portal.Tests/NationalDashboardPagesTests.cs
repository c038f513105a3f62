using System.Text.RegularExpressions;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// The analyst's dashboard in Chromium: each section's tables arrive through the page's script, every chart renders
/// from the server alone, and the filters work.
/// </summary>
public sealed class NationalDashboardPagesTests(PortalFixture portal) : BrowserTest
{
    [Fact]
    public async Task An_analyst_sees_every_tables_chart_with_no_request_leaving_127_0_0_1_and_the_filters_change_the_figures()
    {
        var language = "t" + Guid.NewGuid().ToString("N")[..7];
        var force = "f-" + language;
        await using (var scope = portal.Web.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
            var tenant = await db.Tenants.Where(t => t.Slug == "hampshire").Select(t => t.Id).SingleAsync();
            foreach (var (month, count) in new[] { (new DateOnly(2026, 10, 1), 8), (new DateOnly(2026, 11, 1), 6) })
                for (var i = 0; i < count; i++)
                    db.NationalReferrals.Add(new NationalReferral
                    {
                        TenantId = tenant,
                        ReferralId = Guid.NewGuid(),
                        ForceCode = force,
                        ReceivedOn = month,
                        Month = month,
                        OffenceTypeCode = "common-assault",
                        Relationship = OffenceRelationship.CurrentPartner,
                        Ipv = true,
                        Sex = Sex.Male,
                        Cohort = Cohort.IpvMale,
                        AgeBand = "25-34",
                        Language = language,
                        OffenderKey = Guid.NewGuid().ToString("N"),
                        Status = ReferralStatus.Received,
                    });
            await db.SaveChangesAsync();
        }

        var page = await portal.NewPageAsync();
        var hosts = new List<string>();
        page.Request += (_, request) => hosts.Add(new Uri(request.Url).Host);
        await PortalFixture.SignInAsync(page, "analyst@hamptontrust.demo", DemoSeed.Password);
        await page.Locator("#nav-data").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("National data");
        await PortalFixture.CheckAsync(page);

        await page.GotoAsync($"/national/data?language={language}");
        var sections = await page.Locator(".moj-sub-navigation__link").AllTextContentsAsync();
        Assert.True(sections.Count >= 5, $"{sections.Count} sections");
        foreach (var section in sections)
        {
            await page.Locator(".moj-sub-navigation__link", new() { HasText = section }).ClickAsync();
            await Assertions.Expect(page.Locator("#section-title")).ToHaveTextAsync(section);
            // The script fetches each table into its placeholder; every one arrives, none is left with its fallback link.
            await Assertions.Expect(page.Locator(".national-table-placeholder")).ToHaveCountAsync(0);
            var tables = await page.Locator(".national-table").CountAsync();
            Assert.True(tables >= 1, $"{tables} tables in {section}");
            // Every table's chart is drawn, with a size: an SVG that rendered, not markup the browser gave up on.
            for (var t = 0; t < tables; t++)
            {
                var chart = page.Locator(".national-table").Nth(t).Locator("svg.national-chart");
                await Assertions.Expect(chart).ToBeVisibleAsync();
                Assert.True((await chart.BoundingBoxAsync())?.Height > 100);
            }

            await PortalFixture.CheckAsync(page);
        }

        await page.Locator(".moj-sub-navigation__link", new() { HasText = "Referrals" }).ClickAsync();
        var trends = page.Locator("#figures-referral-trends tr", new() { HasText = force });
        await Assertions.Expect(trends.Locator("td")).ToHaveTextAsync(["8", "6", "14"]);

        await page.GetByLabel("From", new() { Exact = true }).SelectOptionAsync("2026-11");
        await page.GetByLabel("To", new() { Exact = true }).SelectOptionAsync("2026-11");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply filters" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("section=Referrals.*from=2026-11"));
        await Assertions.Expect(trends.Locator("td")).ToHaveTextAsync(["6", "6"]);
        await PortalFixture.CheckAsync(page);

        Assert.NotEmpty(hosts);
        Assert.All(hosts, host => Assert.Equal("127.0.0.1", host));
    }

    [Fact]
    public async Task A_trainer_is_refused_the_dashboard()
    {
        var page = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(page, "trainer@hamptontrust.demo", DemoSeed.Password);

        await Assertions.Expect(page.Locator("#nav-data")).ToHaveCountAsync(0);
        await page.GotoAsync("/national/data");
        await Assertions.Expect(page.Locator(".national-table")).ToHaveCountAsync(0);
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("access-denied"));
    }
}
