namespace CaraPlatform.Web.Tests.Security;

/// <summary>Each finding of the live scans that was fixed (docs/security.md, "Results"), kept fixed.</summary>
public sealed class ScanFindingsTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("?handler=%3Benv%3B")]
    [InlineData("?handler=FirstContactX")]
    [InlineData("")]
    public async Task A_post_that_no_handler_of_the_page_takes_is_404_not_a_500(string query)
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("hampshire"));
        var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "coordinator@hampshire.demo");
        var page = await UserTokens.GetOkAsync(browser, $"/t/hampshire/referrals/{referral.Id}");

        using var response = await browser.PostAsync($"/t/hampshire/referrals/{referral.Id}{query}",
            UserTokens.Form(page, [new("version", "1"), new("reason", "Hi there!")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
