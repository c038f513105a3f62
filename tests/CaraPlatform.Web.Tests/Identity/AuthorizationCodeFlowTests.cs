namespace CaraPlatform.Web.Tests.Identity;

public sealed class AuthorizationCodeFlowTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_person_signs_in_gets_a_code_redeems_it_with_PKCE_calls_the_API_and_refreshes()
    {
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, "coordinator@hampshire.demo");
        Assert.NotNull(tokens.IdToken);
        Assert.NotNull(tokens.RefreshToken);

        var api = fixture.Bearer(tokens.AccessToken);
        Assert.NotEmpty(await (await api.GetAsync("/api/v1/tenants/hampshire/venues")).ReadAs<List<VenueResponse>>());
        await (await api.GetAsync("/api/v1/tenants/west-yorkshire/venues")).ProblemAsync(HttpStatusCode.NotFound);

        var userInfo = JsonDocument.Parse(await api.GetStringAsync("/connect/userinfo")).RootElement;
        Assert.Equal("coordinator@hampshire.demo", userInfo.GetProperty("email").GetString());

        var refreshed = await UserTokens.RefreshAsync(fixture.Web.CreateClient(), tokens.RefreshToken!);
        Assert.NotEqual(tokens.AccessToken, refreshed.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Bearer(refreshed.AccessToken).GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);
    }

    [Fact]
    public async Task A_code_without_the_PKCE_verifier_is_refused()
    {
        await UserTokens.EnsureClientAsync(fixture.Web);
        using var browser = UserTokens.Browser(fixture.Web);
        await UserTokens.SignInAsync(browser, "coordinator@hampshire.demo", "CaraDemo!2026");
        var authorize = await browser.GetAsync($"/connect/authorize?client_id={UserTokens.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(UserTokens.RedirectUri)}&scope=openid");
        // The client requires PKCE: no code challenge, no code.
        Assert.DoesNotContain("code=", authorize.Headers.Location?.Query ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_discovery_document_advertises_the_flows()
    {
        var discovery = JsonDocument.Parse(await fixture.Web.CreateClient().GetStringAsync("/.well-known/openid-configuration")).RootElement;
        var grants = discovery.GetProperty("grant_types_supported").EnumerateArray().Select(g => g.GetString()).ToList();
        Assert.Contains("client_credentials", grants);
        Assert.Contains("authorization_code", grants);
        Assert.Contains("refresh_token", grants);
        Assert.Contains("S256", discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
        Assert.EndsWith("/connect/token", discovery.GetProperty("token_endpoint").GetString(), StringComparison.Ordinal);
        Assert.True(discovery.TryGetProperty("jwks_uri", out _));
    }
}
