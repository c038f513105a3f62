using OtpNet;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// A change to how a person signs in, or to what they may reach, ends their other sessions within one request:
/// cookies of other browsers, access tokens and refresh tokens. Each test has a person of its own.
/// </summary>
public sealed partial class SessionEndTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";
    private const string Venues = "/api/v1/tenants/hampshire/venues";

    [Fact]
    public async Task A_password_change_ends_the_persons_other_cookies_and_tokens_but_not_the_session_that_changed_it()
    {
        var person = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, person.Email);
        using var other = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        using var current = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        await AssertWorkingAsync(other, tokens);

        const string newPassword = "a different passphrase of mine";
        var form = await UserTokens.GetOkAsync(current, "/account/password");
        var changed = await SubmitAsync(current, "/account/password", form, new Dictionary<string, string>
        {
            ["CurrentPassword"] = DemoSeed.Password,
            ["NewPassword"] = newPassword,
            ["ConfirmPassword"] = newPassword,
        });
        Assert.Contains("id=\"password-changed\"", changed, StringComparison.Ordinal);

        await AssertOnlyOtherEndedAsync(current, other, tokens);
    }

    [Fact]
    public async Task Removing_a_membership_ends_the_persons_cookies_and_tokens()
    {
        var person = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, person.Email);
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        await AssertWorkingAsync(browser, tokens);

        using var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, (await TestPeople.MemberAsync(fixture, Tenant, TenantRole.ProviderAdmin)).Email);
        var members = await UserTokens.GetOkAsync(admin, $"/t/{Tenant}/admin/members");
        var removed = await SubmitAsync(admin, $"/t/{Tenant}/admin/members?handler=Remove", members,
            new Dictionary<string, string> { ["memberId"] = person.MembershipId.ToString() });
        Assert.Contains("The member has been removed", removed, StringComparison.Ordinal);

        await AssertEndedAsync(browser, tokens);
    }

    [Fact]
    public async Task Turning_on_two_factor_ends_the_persons_other_cookies_and_tokens()
    {
        var person = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Facilitator);
        using var current = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        var enrolment = await UserTokens.GetOkAsync(current, "/account/two-factor");
        // Signed in elsewhere after the key was made, so that only turning two-factor on can end these.
        using var other = await UserTokens.SignedInBrowserAsync(fixture.Web, person.Email);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, person.Email);
        await AssertWorkingAsync(other, tokens);

        var key = AuthenticatorKey().Match(enrolment).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var code = new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();
        var enabled = await SubmitAsync(current, "/account/two-factor?handler=Enable", enrolment, new Dictionary<string, string> { ["Code"] = code });
        Assert.Contains("id=\"recovery-codes\"", enabled, StringComparison.Ordinal);

        await AssertOnlyOtherEndedAsync(current, other, tokens);
    }

    [Fact]
    public async Task A_refresh_token_issued_before_the_security_stamp_changed_gets_no_new_tokens()
    {
        var person = await TestPeople.MemberAsync(fixture, Tenant, TenantRole.Coordinator);
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, person.Email);

        // The stamp alone, without revoking the tokens: whatever renews it makes older refresh tokens worthless.
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<CaraUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(person.UserId.ToString()))!)).Succeeded);
        }

        await AssertRefusedAsync(tokens.RefreshToken!);
    }

    private async Task AssertWorkingAsync(HttpClient browser, TokenSet tokens)
    {
        await UserTokens.GetOkAsync(browser, "/account/password");
        using var api = fixture.Bearer(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync(Venues)).StatusCode);
    }

    /// <summary>Posts <paramref name="fields"/> with the antiforgery token of the page <paramref name="form"/>; returns the page that answers.</summary>
    private static async Task<string> SubmitAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields)
    {
        using var response = await browser.PostAsync(url, UserTokens.Form(form, fields));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The session that made the change goes on; the person's other session and tokens are ended.</summary>
    private async Task AssertOnlyOtherEndedAsync(HttpClient current, HttpClient other, TokenSet tokens)
    {
        await UserTokens.GetOkAsync(current, "/account/password");
        await AssertEndedAsync(other, tokens);
    }

    private async Task AssertEndedAsync(HttpClient browser, TokenSet tokens)
    {
        using var signInAgain = await browser.GetAsync("/account/password");
        Assert.Equal(HttpStatusCode.Redirect, signInAgain.StatusCode);
        Assert.Contains("ReturnUrl", signInAgain.Headers.Location!.ToString(), StringComparison.Ordinal);

        using var api = fixture.Bearer(tokens.AccessToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync(Venues)).StatusCode);
        await AssertRefusedAsync(tokens.RefreshToken!);
    }

    private async Task AssertRefusedAsync(string refreshToken)
    {
        using var http = fixture.Web.CreateClient();
        using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = UserTokens.ClientId,
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"refresh answered {(int)response.StatusCode}: {body}");
        Assert.Contains("invalid_grant", body, StringComparison.Ordinal);
    }

    [GeneratedRegex("id=\"authenticator-key\"[^>]*>([^<]+)<")]
    private static partial Regex AuthenticatorKey();
}
