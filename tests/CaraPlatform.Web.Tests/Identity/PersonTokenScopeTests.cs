using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// A person's bearer token is bound by the scopes it was granted, as a client's is: the role alone opens nothing,
/// and the victim's details need their own scope, which only applications trusted with it may ask for.
/// </summary>
public sealed class PersonTokenScopeTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    [Fact]
    public async Task A_token_granted_openid_only_reads_neither_victims_nor_referrals_nor_starts_screening()
    {
        var api = await fixture.ApiClientAsync(Tenant);
        var referral = await ReferralApi.CreateAsync(api, Tenant);

        var victimContact = await fixture.PersonApiAsync("victim-contact@hampshire.demo", scope: "openid");
        Assert.Equal(HttpStatusCode.Forbidden, (await victimContact.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}/victim")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await victimContact.GetAsync(ReferralApi.Url(Tenant))).StatusCode);

        var coordinator = await fixture.PersonApiAsync("coordinator@hampshire.demo", scope: "openid");
        Assert.Equal(HttpStatusCode.Forbidden,
            (await coordinator.PostJson($"{ReferralApi.Url(Tenant)}/{referral.Id}/start-screening", new { version = referral.Version })).StatusCode);
    }

    [Fact]
    public async Task The_victim_endpoint_needs_victims_read_and_every_other_scope_does_not_open_it()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant);
        var url = $"{ReferralApi.Url(Tenant)}/{referral.Id}/victim?reason=Safe-contact%20check";

        var withoutIt = await fixture.PersonApiAsync("victim-contact@hampshire.demo",
            scope: string.Join(" ", UserTokens.EveryScope.Split(' ').Where(s => s != ApiScopes.VictimsRead)));
        Assert.Equal(HttpStatusCode.Forbidden, (await withoutIt.GetAsync(url)).StatusCode);

        var withIt = await fixture.PersonApiAsync("victim-contact@hampshire.demo", scope: $"openid {ApiScopes.VictimsRead}");
        Assert.Equal(HttpStatusCode.OK, (await withIt.GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task An_application_not_trusted_with_victims_read_cannot_ask_for_it()
    {
        const string clientId = "untrusted-external-app";
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(clientId) is null)
            {
                await applications.CreateAsync(new OpenIddictApplicationDescriptor
                {
                    ClientId = clientId,
                    ClientType = ClientTypes.Public,
                    RedirectUris = { new Uri(UserTokens.RedirectUri) },
                    Permissions =
                    {
                        Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                        Permissions.ResponseTypes.Code, Permissions.Prefixes.Scope + ApiScopes.ReferralsRead,
                    },
                    Requirements = { Requirements.Features.ProofKeyForCodeExchange },
                });
            }
        }

        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "victim-contact@hampshire.demo");
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(new string('v', 64)))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var authorize = await browser.GetAsync($"/connect/authorize?client_id={clientId}&response_type=code" +
            $"&redirect_uri={Uri.EscapeDataString(UserTokens.RedirectUri)}&scope={Uri.EscapeDataString("openid " + ApiScopes.VictimsRead)}" +
            $"&code_challenge={challenge}&code_challenge_method=S256&state=s");

        // OpenIddict refuses the request itself (ID2051: the client may not use the scope) and issues no code.
        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("not allowed to use the specified scope", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_integration_client_can_be_granted_a_person_only_scope()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        foreach (var scope in ApiScopes.PersonScopes)
        {
            var problem = await (await admin.PostJson($"/api/v1/tenants/{Tenant}/clients", new CreateClientRequest("Wants too much", [scope])))
                .ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains(problem.Errors().Keys, k => k.StartsWith("scopes", StringComparison.Ordinal));
        }

        // And a client token cannot simply ask for one at the token endpoint.
        var token = await fixture.Web.CreateClient().PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = "hampshire-integration",
            ["client_secret"] = "cara-demo-secret",
            ["scope"] = ApiScopes.VictimsRead,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        var body = await token.Content.ReadAsStringAsync();
        Assert.Contains("not allowed to use the specified scope", body, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", body, StringComparison.Ordinal);
    }
}
