namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// A Production host behind a TLS ingress: X-Forwarded-Proto and -For count only from the configured proxy, the Host
/// header only for the allowed hosts, and the OpenID Connect issuer is the configured one whatever a request says.
/// </summary>
public sealed class ReverseProxyAndHostTests(CaraPlatformFixture fixture, ProductionHost production) : IntegrationTest, IClassFixture<ProductionHost>
{
    [Fact]
    public async Task With_every_required_setting_given_a_production_host_starts_and_is_live()
    {
        using var client = production.FromProxy(fixture);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task Behind_the_known_proxy_a_TLS_request_gets_HSTS_secure_cookies_https_links_and_its_client_address()
    {
        using var client = production.FromProxy(fixture);

        using var page = await FrontPageAsync(client, "203.0.113.7");
        Assert.True(page.Headers.Contains("Strict-Transport-Security"), "no HSTS header behind the TLS ingress");
        var antiforgery = SetCookie(page, ".AspNetCore.Antiforgery.");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);

        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Coordinator);
        using var signIn = await client.SendAsync(await SignInAsync(Forwarded(HttpMethod.Post, "/", "203.0.113.7"), page, person.Email, DemoSeed.Password));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = SetCookie(signIn, "cara.session=");
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("203.0.113.7", await SignInAddressAsync(person.Email));

        using var challenge = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/password", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        Assert.StartsWith("https://cara.example.org/", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_no_known_proxy_are_ignored()
    {
        using var client = production.FromElsewhere(fixture);

        using var page = await FrontPageAsync(client, "203.0.113.8");
        Assert.False(page.Headers.Contains("Strict-Transport-Security"), "HSTS on a request that only claimed to be https");

        var email = $"nobody-{Guid.NewGuid():N}@example.org";
        using var signIn = await client.SendAsync(await SignInAsync(Forwarded(HttpMethod.Post, "/", "203.0.113.8"), page, email, "not the password"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal("127.0.0.2", await SignInAddressAsync(email));

        using var challenge = await client.SendAsync(Forwarded(HttpMethod.Get, "/account/password", "203.0.113.8"));
        Assert.StartsWith("http://cara.example.org/", challenge.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("cara.example.org.evil.example")]
    [InlineData("127.0.0.1")]
    public async Task A_request_naming_a_host_that_is_not_allowed_is_refused(string host)
    {
        using var client = production.FromProxy(fixture);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = host;
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("cara.example.org", false)]
    [InlineData("hampshire.cara.example.org", true)]
    public async Task Discovery_advertises_the_configured_issuer_and_https_endpoints_whatever_the_request_says(string host, bool fromProxy)
    {
        using var client = fromProxy ? production.FromProxy(fixture) : production.FromElsewhere(fixture);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/.well-known/openid-configuration");
        request.Headers.Host = host;
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var discovery = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(ProductionHost.PublicUrl, discovery.GetProperty("issuer").GetString());
        Assert.Equal(ProductionHost.PublicUrl + "connect/token", discovery.GetProperty("token_endpoint").GetString());
        Assert.Equal(ProductionHost.PublicUrl + "connect/authorize", discovery.GetProperty("authorization_endpoint").GetString());
    }

    /// <summary>The front page over https through the ingress for <paramref name="clientAddress"/>, answered 200.</summary>
    private static async Task<HttpResponseMessage> FrontPageAsync(HttpClient client, string clientAddress)
    {
        var page = await client.SendAsync(Forwarded(HttpMethod.Get, "/", clientAddress));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return page;
    }

    /// <summary>A request as the TLS ingress passes it on: https at the edge, for a client at <paramref name="clientAddress"/>.</summary>
    private static HttpRequestMessage Forwarded(HttpMethod method, string path, string clientAddress)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", clientAddress);
        return request;
    }

    /// <summary>The sign-in form posted back with the antiforgery token and cookie of <paramref name="page"/>.</summary>
    private static async Task<HttpRequestMessage> SignInAsync(HttpRequestMessage request, HttpResponseMessage page, string email, string password)
    {
        request.Content = UserTokens.Form(await page.Content.ReadAsStringAsync(), [new("Email", email), new("Password", password)]);
        request.Headers.Add("Cookie", SetCookie(page, ".AspNetCore.Antiforgery.").Split(';')[0]);
        return request;
    }

    private static string SetCookie(HttpResponseMessage response, string prefix)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var cookies), "no cookie set");
        return Assert.Single(cookies, c => c.StartsWith(prefix, StringComparison.Ordinal));
    }

    private async Task<string?> SignInAddressAsync(string email)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT ip_address FROM audit_events WHERE action = 'sign-in' AND subject = @email", connection);
        command.Parameters.AddWithValue("email", email);
        return (string?)await command.ExecuteScalarAsync();
    }
}
