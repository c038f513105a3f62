namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// PKCE is S256 only ("plain" sends the verifier itself), and signing out at the OpenID Connect server needs proof
/// that the person meant it: a link or an image elsewhere must not end their session.
/// </summary>
public sealed class EndSessionAndPkceTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Discovery_advertises_S256_as_the_only_PKCE_method()
    {
        var discovery = JsonDocument.Parse(await fixture.Web.CreateClient().GetStringAsync("/.well-known/openid-configuration")).RootElement;
        Assert.Equal(["S256"], discovery.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task An_authorization_request_with_the_plain_PKCE_method_gets_no_code()
    {
        var person = await TestPeople.MemberAsync(fixture, "hampshire", TenantRole.Coordinator);
        await UserTokens.EnsureClientAsync(fixture.Web);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);
        var verifier = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));

        using var plain = await AuthorizeAsync(browser, verifier, "plain");
        Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        Assert.Null(plain.Headers.Location);

        // The same request with S256 gets a code: the person was signed in and the client may ask.
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        using var s256 = await AuthorizeAsync(browser, challenge, "S256");
        Assert.Equal(HttpStatusCode.Redirect, s256.StatusCode);
        Assert.StartsWith(UserTokens.RedirectUri + "?code=", s256.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bare_GET_to_end_session_is_refused_and_the_person_stays_signed_in()
    {
        var person = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);

        var problem = await (await browser.GetAsync("/connect/endsession")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("id_token_hint"));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/t/west-yorkshire")).StatusCode);
    }

    [Fact]
    public async Task End_session_posted_without_the_antiforgery_token_is_refused_and_the_person_stays_signed_in()
    {
        var person = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);

        await (await browser.PostAsync("/connect/endsession", new FormUrlEncodedContent([]))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/t/west-yorkshire")).StatusCode);
    }

    [Fact]
    public async Task End_session_with_an_ID_token_of_the_signed_in_person_signs_them_out()
    {
        var person = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, person.Email, "openid", DemoSeed.Password);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);

        var endSession = await browser.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(tokens.IdToken!));
        Assert.Equal(HttpStatusCode.Redirect, endSession.StatusCode);

        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task End_session_with_an_ID_token_of_someone_else_is_refused()
    {
        var person = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        var someoneElse = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, someoneElse.Email, "openid", DemoSeed.Password);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);

        await (await browser.GetAsync("/connect/endsession?id_token_hint=" + Uri.EscapeDataString(tokens.IdToken!))).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/t/west-yorkshire")).StatusCode);
    }

    [Theory]
    [InlineData("/connect/endsession")] // end-session posted with the portal's antiforgery token
    [InlineData("/sign-out")] // the portal's sign-out button
    public async Task A_post_carrying_the_portals_antiforgery_token_signs_the_person_out(string url)
    {
        var person = await TestPeople.MemberAsync(fixture, "west-yorkshire", TenantRole.ForceSpoc);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email, DemoSeed.Password);
        var page = await UserTokens.GetOkAsync(browser, "/t/west-yorkshire");

        var signOut = await browser.PostAsync(url, UserTokens.Form(page, []));
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        await AssertSignedOutAsync(browser);
    }

    private static async Task AssertSignedOutAsync(HttpClient browser)
    {
        var after = await browser.GetAsync("/t/west-yorkshire");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("ReturnUrl", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> AuthorizeAsync(HttpClient browser, string challenge, string method) =>
        browser.GetAsync("/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = UserTokens.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = UserTokens.RedirectUri,
            ["scope"] = "openid",
            ["state"] = "state-123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = method,
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
}
