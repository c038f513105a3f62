using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CaraPlatform.Web.Tests.Support;

public sealed record TokenSet(string AccessToken, string? RefreshToken, string? IdToken);

/// <summary>
/// The authorization code flow with PKCE, done over HTTP as an external application would: sign in at the
/// portal with the form and its antiforgery token, ask /connect/authorize for a code, redeem it at /connect/token.
/// </summary>
public static partial class UserTokens
{
    public const string ClientId = "test-external-app";
    public const string RedirectUri = "http://localhost/callback";

    public static async Task EnsureClientAsync(WebApplicationFactory<Program> web)
    {
        await using var scope = web.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        if (await applications.FindByClientIdAsync(ClientId) is not null) return;
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientType = ClientTypes.Public,
            DisplayName = "An external application in the tests",
            RedirectUris = { new Uri(RedirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.ResponseTypes.Code,
                Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        };
        // A first-party application the licence holder trusts with every scope, the victim's details included.
        foreach (var granted in ApiScopes.Every) descriptor.Permissions.Add(Permissions.Prefixes.Scope + granted);
        await applications.CreateAsync(descriptor);
    }

    /// <summary>A client that keeps cookies and does not follow redirects, like a browser whose redirects we read.</summary>
    public static HttpClient Browser(WebApplicationFactory<Program> web) =>
        web.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A browser signed in to the portal as <paramref name="email"/> (password sign-in, no second factor).</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(WebApplicationFactory<Program> web, string email, string password = "CaraDemo!2026")
    {
        var browser = Browser(web);
        using var response = await SignInAsync(browser, email, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return browser;
    }

    /// <summary>The antiforgery token a portal page's form carries.</summary>
    public static string AntiforgeryToken(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    /// <summary>A form post of <paramref name="fields"/> with the antiforgery token of the page it was read from.</summary>
    public static FormUrlEncodedContent Form(string page, IEnumerable<KeyValuePair<string, string>> fields) =>
        new([.. fields, new("__RequestVerificationToken", AntiforgeryToken(page))]);

    /// <summary>A page's HTML, asserting it answered 200.</summary>
    public static async Task<string> GetOkAsync(HttpClient browser, string url)
    {
        using var response = await browser.GetAsync(url);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadAsStringAsync();
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email, string password)
    {
        var page = await browser.GetStringAsync("/");
        var token = AntiforgeryToken(page);
        return await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>What a person's token is granted unless a test asks for less: every scope there is.</summary>
    public static readonly string EveryScope = "openid email profile offline_access " + string.Join(" ", ApiScopes.Every);

    /// <summary>
    /// The flow through the tests' own application, or through another public client registered elsewhere (such as
    /// cara-cli) with one of its redirect URIs.
    /// </summary>
    public static async Task<TokenSet> AuthorizationCodeAsync(WebApplicationFactory<Program> web, string email,
        string? scope = null, string password = "CaraDemo!2026", string clientId = ClientId, string redirectUri = RedirectUri)
    {
        scope ??= EveryScope;
        if (clientId == ClientId) await EnsureClientAsync(web);
        using var browser = Browser(web);
        var signIn = await SignInAsync(browser, email, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = await browser.GetAsync("/connect/authorize?" + string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri,
            ["scope"] = scope,
            ["state"] = "state-123",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}")));
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var callback = authorize.Headers.Location!;
        Assert.StartsWith(redirectUri, callback.ToString(), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(callback.Query);
        Assert.Equal("state-123", query["state"]);

        return await TokenAsync(browser, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = query["code"]!,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = clientId,
            ["code_verifier"] = verifier,
        });
    }

    public static async Task<TokenSet> RefreshAsync(HttpClient http, string refreshToken, string clientId = ClientId) =>
        await TokenAsync(http, new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = clientId,
        });

    private static async Task<TokenSet> TokenAsync(HttpClient http, Dictionary<string, string> form)
    {
        var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request failed: {body}");
        var json = JsonDocument.Parse(body).RootElement;
        return new TokenSet(
            json.GetProperty("access_token").GetString()!,
            json.TryGetProperty("refresh_token", out var refresh) ? refresh.GetString() : null,
            json.TryGetProperty("id_token", out var id) ? id.GetString() : null);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
