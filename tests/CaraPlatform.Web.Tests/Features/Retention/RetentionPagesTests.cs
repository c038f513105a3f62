using CaraPlatform.Domain.Retention;
using CaraPlatform.Web.Features.Retention;
using static CaraPlatform.Web.Tests.Support.ReferralApi;

namespace CaraPlatform.Web.Tests.Features.Retention;

/// <summary>The worklist page as the data-protection officer uses it: a case due for review kept with a reason, and the erasure log.</summary>
public sealed class RetentionPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static readonly string Tenant = PostgresFixture.RetentionTenants[0];

    [Fact]
    public async Task A_dpo_keeps_a_listed_case_for_a_reason_and_reads_the_erasure_log()
    {
        var police = await fixture.ApiClientAsync(Tenant);
        var referral = await CreateAsync(police, Tenant);
        referral = await MoveAsync(police, Tenant, referral, "withdraw", new ReasonRequest("Victim withdrew support; NFA", referral.Version));
        var info = await fixture.Database.TenantAsync(Tenant);
        var clock = new FakeTimeProvider(UkCalendar.At(UkCalendar.DateOf(DateTimeOffset.UtcNow).AddMonths(25), new TimeOnly(6, 0)));
        await ActivatorUtilities.CreateInstance<RetentionJob>(fixture.Web.Services, (TimeProvider)clock).RunOnceAsync(t => t.TenantId == info.TenantId);
        var officer = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.DataProtectionOfficer);
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, officer.Email);

        var page = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/retention");
        Assert.Contains($"href=\"/t/{Tenant}/referrals/{referral.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("reviewed 24 months after they close and\n    anonymised 72 months after", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/t/{Tenant}/retention\"", await UserTokens.GetOkAsync(browser, $"/t/{Tenant}"), StringComparison.Ordinal);
        var version = Regex.Match(page, $"name=\"referralId\" value=\"{referral.Id}\" />\\s*<input type=\"hidden\" name=\"version\" value=\"(\\d+)\"").Groups[1].Value;

        var refused = await browser.PostAsync($"/t/{Tenant}/retention?handler=Keep", UserTokens.Form(page,
            [new("referralId", referral.Id.ToString()), new("version", version), new("months", "12"), new("reason", "")]));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Enter why the case is kept.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var kept = await browser.PostAsync($"/t/{Tenant}/retention?handler=Keep", UserTokens.Form(page,
            [new("referralId", referral.Id.ToString()), new("version", version), new("months", "12"), new("reason", "Ombudsman complaint open")]));
        var after = await kept.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, kept.StatusCode);
        Assert.Contains("Kept for another 12 months.", after, StringComparison.Ordinal);
        Assert.Contains("Ombudsman complaint open", after, StringComparison.Ordinal);
        var review = await fixture.ReadAsync(Tenant, db => db.RetentionReviews.AsNoTracking().SingleAsync(r => r.ReferralId == referral.Id));
        Assert.Equal((RetentionDecision.Keep, 12), (review.Decision, review.KeptMonths));

        var log = await UserTokens.GetOkAsync(browser, $"/t/{Tenant}/retention/erasures");
        Assert.Contains("Erasure log", log, StringComparison.Ordinal);
        Assert.DoesNotContain("Daniel", log, StringComparison.Ordinal);
    }
}
