
namespace CaraPlatform.Web.Tests.Platform;

/// <summary>API answers carry personal data: none may be kept by a browser or a proxy, whatever the outcome.</summary>
public sealed class ApiCachingTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Every_API_answer_says_no_store_successes_and_problems_alike()
    {
        var client = await fixture.ApiClientAsync("hampshire");
        var person = await fixture.PersonApiAsync("coordinator@hampshire.demo");
        var referralsOnly = fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "referrals.read"));
        var answers = new (string What, HttpStatusCode Status, Task<HttpResponseMessage> Response)[]
        {
            ("a client's list", HttpStatusCode.OK, client.GetAsync("/api/v1/tenants/hampshire/venues")),
            ("a person's list", HttpStatusCode.OK, person.GetAsync("/api/v1/tenants/hampshire/venues")),
            ("a person's userinfo", HttpStatusCode.OK, person.GetAsync("/connect/userinfo")),
            ("a bad query", HttpStatusCode.BadRequest, client.GetAsync("/api/v1/tenants/hampshire/referrals?limit=1000")),
            ("no token", HttpStatusCode.Unauthorized, fixture.Web.CreateClient().GetAsync("/api/v1/tenants/hampshire/venues")),
            ("a missing scope", HttpStatusCode.Forbidden, referralsOnly.GetAsync("/api/v1/tenants/hampshire/venues")),
            ("an unknown venue", HttpStatusCode.NotFound, client.GetAsync($"/api/v1/tenants/hampshire/venues/{Guid.NewGuid()}")),
            ("another tenant", HttpStatusCode.NotFound, client.GetAsync("/api/v1/tenants/west-yorkshire/venues")),
        };

        var failures = new List<string>();
        foreach (var (what, status, response) in answers)
        {
            var answer = await response;
            if (answer.StatusCode != status) failures.Add($"{what}: expected {(int)status}, got {(int)answer.StatusCode}");
            if (answer.Headers.CacheControl?.NoStore != true) failures.Add($"{what}: Cache-Control is '{answer.Headers.CacheControl}'");
        }

        Assert.Empty(failures);
    }
}
