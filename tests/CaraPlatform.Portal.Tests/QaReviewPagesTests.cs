using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CaraPlatform.Portal.Tests;

/// <summary>
/// A quality-assurance review across the two portals in Chromium: the reviewer observes one of Hampshire's past runs
/// (its register and feedback in the demo history), submits, the ProviderAdmin acknowledges and evidences, the reviewer
/// verifies. No page the reviewer reaches shows any of the tenant's offenders' or victims' values.
/// </summary>
public sealed class QaReviewPagesTests(PortalFixture portal) : BrowserTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task A_review_walks_from_draft_to_closed_across_the_two_portals_and_no_reviewer_page_shows_an_offenders_or_victims_value()
    {
        var (runId, forbidden) = await AttendedRunAsync();
        var qa = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(qa, "qa@hamptontrust.demo", DemoSeed.Password);
        var visited = new List<(string Url, string Text)>();
        async Task ReadAsync(IPage page) => visited.Add((page.Url, await page.ContentAsync()));

        await qa.GotoAsync("/national/qa");
        await Assertions.Expect(qa.Locator("#qa-tenants")).ToBeVisibleAsync();
        await PortalFixture.CheckAsync(qa);
        await ReadAsync(qa);

        await qa.GotoAsync($"/national/qa/runs/{Tenant}/{runId}");
        await Assertions.Expect(qa.Locator("#qa-run-facts [data-attended]")).Not.ToContainTextAsync("Workshop 1: 0;");
        await PortalFixture.CheckAsync(qa);
        await ReadAsync(qa);

        var today = UkCalendar.DateOf(DateTimeOffset.UtcNow);
        await FillDateAsync(qa.GetByRole(AriaRole.Group, new() { Name = "Observed on" }), today.AddDays(-1));
        await qa.Locator("#f-facilitatorIds").CheckAsync();
        foreach (var domain in new[] { "Fidelity to the manual", "Facilitation skills", "Group safety and management", "Participant engagement", "Timekeeping and structure" })
            await qa.GetByRole(AriaRole.Group, new() { Name = domain, Exact = true }).GetByLabel("3 – Good").CheckAsync();
        await qa.GetByRole(AriaRole.Group, new() { Name = "Overall rating" }).GetByLabel("Good", new() { Exact = true }).CheckAsync();
        await qa.GetByLabel("Findings").FillAsync("A well-run group; the disclosure section was rushed.");
        await qa.GetByLabel("Action 1", new() { Exact = true }).FillAsync("Re-read the manual's section on disclosures");
        await qa.GetByLabel("Action 1: owner at the provider").FillAsync("Lead facilitator");
        await FillDateAsync(qa.GetByRole(AriaRole.Group, new() { Name = "Action 1: due on" }), today.AddDays(30));
        await PortalFixture.SubmitAsync(qa.GetByRole(AriaRole.Button, new() { Name = "Save as a draft" }));
        await Assertions.Expect(qa.Locator("#qa-done")).ToContainTextAsync("The draft was saved.");
        await PortalFixture.CheckAsync(qa);
        var review = (await qa.Locator("[data-reference]").TextContentAsync())!.Trim();

        await PortalFixture.SubmitAsync(qa.GetByRole(AriaRole.Button, new() { Name = "Submit the review" }));
        await Assertions.Expect(qa.Locator("#qa-done")).ToContainTextAsync("The review was submitted");
        await Assertions.Expect(qa.Locator("[data-status]")).ToHaveTextAsync("Awaiting acknowledgement");
        await ReadAsync(qa);

        var provider = await portal.NewPageAsync();
        await PortalFixture.SignInAsync(provider, "admin@hampshire.demo", DemoSeed.Password);
        await provider.GotoAsync($"/t/{Tenant}");
        await Assertions.Expect(provider.Locator("#qa-banner")).ToContainTextAsync("awaits your acknowledgement");
        await provider.GotoAsync($"/t/{Tenant}/qa-reviews");
        await PortalFixture.CheckAsync(provider);
        await provider.Locator($"[data-review='{review}'] a").ClickAsync();
        await provider.GetByLabel("Your response to the findings (optional)").FillAsync("We accept the findings.");
        await PortalFixture.SubmitAsync(provider.GetByRole(AriaRole.Button, new() { Name = "Acknowledge the review" }));
        await Assertions.Expect(provider.Locator("#qa-done")).ToContainTextAsync("The review was acknowledged.");
        await PortalFixture.CheckAsync(provider);
        await provider.GetByLabel("Evidence that this is done").FillAsync("The team re-read it on 3 December.");
        await PortalFixture.SubmitAsync(provider.GetByRole(AriaRole.Button, new() { Name = "Record the evidence" }));
        await Assertions.Expect(provider.Locator("#qa-done")).ToContainTextAsync("The evidence was recorded");

        await qa.GotoAsync($"/national/qa/reviews/{review}");
        await PortalFixture.SubmitAsync(qa.GetByRole(AriaRole.Button, new() { Name = "Verify the evidence" }));
        await Assertions.Expect(qa.Locator("[data-status]")).ToHaveTextAsync("Closed");
        await Assertions.Expect(qa.Locator("#qa-response")).ToContainTextAsync("We accept the findings.");
        await PortalFixture.CheckAsync(qa);
        await ReadAsync(qa);
        await qa.GotoAsync("/national/qa");
        await ReadAsync(qa);

        foreach (var (url, text) in visited)
        {
            // As a word: a surname such as Ward inside "forward" discloses nothing.
            var shown = forbidden.Where(v => System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){System.Text.RegularExpressions.Regex.Escape(v)}(?![\p{{L}}\p{{N}}])",
                System.Text.RegularExpressions.RegexOptions.IgnoreCase)).ToList();
            Assert.True(shown.Count == 0, $"{url} shows {string.Join(", ", shown)}");
        }
    }

    private static async Task FillDateAsync(ILocator group, DateOnly date)
    {
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A past run of the demo history that the national read model shows attended (the host's relay feeds it), and every
    /// value of the tenant's offenders and victims that must never reach a reviewer: names, date of birth, postcode, phone,
    /// email, police reference.
    /// </summary>
    private async Task<(Guid RunId, IReadOnlyList<string> Forbidden)> AttendedRunAsync()
    {
        var info = await portal.Database.TenantAsync(Tenant);
        for (var deadline = DateTime.UtcNow.AddSeconds(60); ; await Task.Delay(500))
        {
            await using var national = portal.Web.Services.CreateAsyncScope();
            var since = UkCalendar.DateOf(DateTimeOffset.UtcNow).AddDays(-80);
            var attended = await national.ServiceProvider.GetRequiredService<CaraDbContext>().NationalRunAttendances.AsNoTracking()
                .Where(a => a.TenantId == info.TenantId).Select(a => a.RunId).Distinct().ToListAsync();
            var run = await national.ServiceProvider.GetRequiredService<CaraDbContext>().NationalRuns.AsNoTracking()
                .Where(r => r.TenantId == info.TenantId && attended.Contains(r.RunId) && r.Workshop1On >= since && r.FacilitatorIds.Count > 0)
                .OrderByDescending(r => r.Workshop1On).Select(r => (Guid?)r.RunId).FirstOrDefaultAsync();
            if (run is { } runId) return (runId, await OffenderValuesAsync(info));
            Assert.True(DateTime.UtcNow < deadline, "No attended run of the demo history reached the national read model within 60 seconds.");
        }
    }

    private async Task<IReadOnlyList<string>> OffenderValuesAsync(CaraTenantInfo info)
    {
        using (portal.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(info))
        {
            await using var scope = portal.Web.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
            var referrals = await db.Referrals.AsNoTracking().ToListAsync();
            // The victims' details are stored encrypted: read as the victim-contact feature reads them.
            var protector = scope.ServiceProvider.GetRequiredService<CaraPlatform.Infrastructure.VictimContact.VictimDetailsProtector>();
            var victims = (await db.VictimRecords.AsNoTracking().Select(v => v.ProtectedDetails).ToListAsync())
                .Select(d => protector.Unprotect(info.TenantId, d)).ToList();
            // Demo names come from one generator: a facilitator (staff, whom reviewers do see) may share an offender's surname.
            var staff = await db.Users.AsNoTracking().Select(u => u.DisplayName).ToListAsync();
            return [.. referrals.SelectMany(r => new[]
            {
                r.Offender.GivenName, r.Offender.FamilyName, r.Offender.Postcode, r.Offender.Phone, r.PoliceReference,
                r.Offender.DateOfBirth.ToString("d MMMM yyyy", CultureInfo.InvariantCulture), r.Offender.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }).Concat(victims.SelectMany(v => new[] { v.GivenName, v.FamilyName, v.Phone, v.Email, v.Address, v.Notes }))
              .OfType<string>().Where(v => v.Length >= 4 && v != Offender.Erased && !staff.Any(n => n.Contains(v, StringComparison.OrdinalIgnoreCase))).Distinct()];
        }
    }
}
