
namespace CaraPlatform.Web.Tests.Identity;

/// <summary>userinfo describes the person a token was issued to, and only with the openid scope (OIDC Core 5.3).</summary>
public sealed class UserInfoTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_persons_token_with_openid_gets_their_claims()
    {
        var person = await fixture.PersonApiAsync("coordinator@hampshire.demo");
        var claims = JsonDocument.Parse(await (await person.GetAsync("/connect/userinfo")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("coordinator@hampshire.demo", claims.GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_client_token_gets_403_insufficient_scope_not_a_500()
    {
        var client = await fixture.ApiClientAsync("hampshire");
        var response = await client.GetAsync("/connect/userinfo");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_persons_token_without_openid_gets_403()
    {
        var token = await UserTokens.AuthorizationCodeAsync(fixture.Web, "coordinator@hampshire.demo", scope: "venues.read");
        var response = await fixture.Bearer(token.AccessToken).GetAsync("/connect/userinfo");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
