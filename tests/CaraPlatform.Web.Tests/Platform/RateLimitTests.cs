using Microsoft.AspNetCore.Builder;

namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// Credential attempts are limited per client address and per account, and the API per caller. Each test runs a
/// host of its own with the one limit it checks set low (the shared host's Development limits are generous). The
/// test server has no client address, so a test-only startup filter takes it from a header.
/// </summary>
public sealed class RateLimitTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string AddressHeader = "X-Test-Client-Address";

    [Fact]
    public async Task A_burst_of_token_requests_from_one_address_is_refused_with_429_problem_and_retry_after()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("Token:PerAddress", "5")));
        var web = WithClientAddresses(host);
        for (var i = 0; i < 5; i++)
            await AssertWrongSecretAsync(await WrongSecretAsync(web, "10.0.0.1", "hampshire-integration"));

        await AssertTooManyAsync(await WrongSecretAsync(web, "10.0.0.1", "west-yorkshire-integration"));
        await AssertWrongSecretAsync(await WrongSecretAsync(web, "10.0.0.2", "hampshire-integration"));
    }

    [Fact]
    public async Task Wrong_secrets_for_one_client_from_many_addresses_are_refused_after_the_clients_limit()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("Token:PerAccount", "3")));
        var web = WithClientAddresses(host);
        for (var i = 1; i <= 3; i++)
            await AssertWrongSecretAsync(await WrongSecretAsync(web, $"10.0.1.{i}", "hampshire-integration"));

        await AssertTooManyAsync(await WrongSecretAsync(web, "10.0.1.4", "hampshire-integration"));
        await AssertWrongSecretAsync(await WrongSecretAsync(web, "10.0.1.4", "west-yorkshire-integration"));

        // A public client sends no secret and is shared by everyone signing in through it: its requests are not counted together.
        for (var i = 1; i <= 4; i++)
        {
            var response = await From(web, $"10.0.2.{i}").PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "not-a-refresh-token",
                ["client_id"] = UserTokens.ClientId,
            }));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_burst_of_sign_ins_from_one_address_is_refused_with_429_problem_and_retry_after()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("SignIn:PerAddress", "3")));
        var web = WithClientAddresses(host);
        var browser = Browser(web, "10.0.3.1");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await UserTokens.SignInAsync(browser, $"nobody-{Guid.NewGuid():N}@example.org", "not the password")).StatusCode);

        await AssertTooManyAsync(await UserTokens.SignInAsync(browser, $"nobody-{Guid.NewGuid():N}@example.org", "not the password"));
        Assert.Equal(HttpStatusCode.OK, (await UserTokens.SignInAsync(Browser(web, "10.0.3.2"), $"nobody-{Guid.NewGuid():N}@example.org", "not the password")).StatusCode);
    }

    [Fact]
    public async Task Sign_ins_to_one_account_from_many_addresses_are_refused_after_the_accounts_limit()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("SignIn:PerAccount", "3")));
        var web = WithClientAddresses(host);
        var email = $"target-{Guid.NewGuid():N}@example.org";
        for (var i = 1; i <= 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await UserTokens.SignInAsync(Browser(web, $"10.0.4.{i}"), email, "not the password")).StatusCode);

        var fourth = Browser(web, "10.0.4.4");
        await AssertTooManyAsync(await UserTokens.SignInAsync(fourth, email.ToUpperInvariant(), "not the password"));
        Assert.Equal(HttpStatusCode.OK, (await UserTokens.SignInAsync(fourth, $"other-{Guid.NewGuid():N}@example.org", "not the password")).StatusCode);
    }

    [Theory]
    [InlineData("TwoFactor", "/sign-in/two-factor")]
    [InlineData("PasswordChange", "/account/password")]
    [InlineData("InvitationAccept", "/t/hampshire/invitations/not-an-invitation")]
    public async Task The_other_credential_forms_are_limited_per_address(string limit, string path)
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(($"{limit}:PerAddress", "2")));
        var http = From(WithClientAddresses(host), "10.0.5.1");
        for (var i = 0; i < 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await http.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);

        await AssertTooManyAsync(await http.PostAsync(path, new FormUrlEncodedContent([])));
    }

    [Fact]
    public async Task Password_changes_of_one_account_from_many_addresses_are_refused_after_the_accounts_limit()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("PasswordChange:PerAccount", "2")));
        var web = WithClientAddresses(host);
        var person = await TestPeople.MemberAsync(web, fixture.Database, "hampshire", TenantRole.Coordinator);
        var browser = await UserTokens.SignedInBrowserAsync(web, person.Email);
        var page = await UserTokens.GetOkAsync(browser, "/account/password");

        HttpRequestMessage Attempt(string address) => new(HttpMethod.Post, "/account/password")
        {
            Headers = { { AddressHeader, address } },
            Content = UserTokens.Form(page, [new("CurrentPassword", "not the password"), new("NewPassword", "a new long passphrase"), new("ConfirmPassword", "a new long passphrase")]),
        };
        for (var i = 1; i <= 2; i++)
            Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(Attempt($"10.0.6.{i}"))).StatusCode);

        await AssertTooManyAsync(await browser.SendAsync(Attempt("10.0.6.3")));
    }

    [Fact]
    public async Task One_invitation_link_tried_from_many_addresses_is_refused_after_its_limit()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("InvitationAccept:PerAccount", "2")));
        var web = WithClientAddresses(host);
        for (var i = 1; i <= 2; i++)
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await From(web, $"10.0.7.{i}").PostAsync("/t/hampshire/invitations/guessed", new FormUrlEncodedContent([]))).StatusCode);

        await AssertTooManyAsync(await From(web, "10.0.7.3").PostAsync("/t/hampshire/invitations/guessed", new FormUrlEncodedContent([])));
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await From(web, "10.0.7.3").PostAsync("/t/hampshire/invitations/another", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task An_API_caller_over_its_quota_gets_429_problem_with_retry_after_while_other_callers_go_on()
    {
        using var host = new CaraWebFactory(fixture.Database, Limits(("Api:PerCaller", "3")));
        var web = WithClientAddresses(host);
        var hampshire = Bearer(web, await Tokens.ClientCredentialsAsync(web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read"));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.OK, (await hampshire.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);

        var refused = await hampshire.GetAsync("/api/v1/tenants/hampshire/venues");
        await AssertTooManyAsync(refused);
        Assert.True(refused.Headers.CacheControl?.NoStore, "a refusal is not cached either");

        var westYorkshire = Bearer(web, await Tokens.ClientCredentialsAsync(web.CreateClient(), "west-yorkshire-integration", "cara-demo-secret", "venues.read"));
        Assert.Equal(HttpStatusCode.OK, (await westYorkshire.GetAsync("/api/v1/tenants/west-yorkshire/venues")).StatusCode);
    }

    private static Dictionary<string, string> Limits(params (string Key, string Value)[] limits) =>
        limits.ToDictionary(l => "RateLimits:" + l.Key, l => l.Value);

    private static WebApplicationFactory<Program> WithClientAddresses(CaraWebFactory host) =>
        host.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));

    private static HttpClient From(WebApplicationFactory<Program> web, string address)
    {
        var http = web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        http.DefaultRequestHeaders.Add(AddressHeader, address);
        return http;
    }

    private static HttpClient Browser(WebApplicationFactory<Program> web, string address)
    {
        var browser = UserTokens.Browser(web);
        browser.DefaultRequestHeaders.Add(AddressHeader, address);
        return browser;
    }

    private static HttpClient Bearer(WebApplicationFactory<Program> web, string token)
    {
        var http = web.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    private static Task<HttpResponseMessage> WrongSecretAsync(WebApplicationFactory<Program> web, string address, string clientId) =>
        Tokens.ClientCredentialsResponseAsync(From(web, address), clientId, "not-the-secret");

    private static async Task AssertWrongSecretAsync(HttpResponseMessage response) =>
        Assert.Contains("invalid_client", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"Retry-After in seconds, got '{response.Headers.RetryAfter}'");
    }

    /// <summary>The test server's requests have no address: this one is taken from a header, before anything else runs.</summary>
    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[AddressHeader].ToString(), out var address)) context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
