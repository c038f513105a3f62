using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// A demo member of the licence holder's staff, signed in as a person would be: a portal cookie (pages) and an access
/// token from the authorization code flow with PKCE through the registered command-line client (the API).
/// </summary>
internal sealed partial class StaffMember : IDisposable
{
    public const string Analyst = "analyst@hamptontrust.demo";
    public const string LicenceAdmin = "licence-admin@hamptontrust.demo";
    private const string Password = "CaraDemo!2026";
    private const string CliClient = "cara-cli";

    // Any port on the registered redirect: nothing listens, the code is read from the Location header.
    private const string Redirect = "http://127.0.0.1:9/callback";

    private StaffMember(HttpClient browser, HttpClient api)
    {
        Browser = browser;
        Api = api;
    }

    /// <summary>Cookie-holding client for portal pages.</summary>
    public HttpClient Browser { get; }

    /// <summary>Client carrying the bearer token.</summary>
    public HttpClient Api { get; }

    /// <param name="options">The bench's host.</param>
    /// <param name="email">Whose demo account.</param>
    /// <param name="scope">The API scopes the token carries.</param>
    public static async Task<StaffMember> SignInAsync(BenchOptions options, string email, string scope)
    {
        var browser = BenchHttp.Client(options, cookies: new BenchHttp.CookieJar());
        var page = await browser.GetStringAsync("/");
        using var signIn = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email,
            ["Password"] = Password,
            ["__RequestVerificationToken"] = Antiforgery().Match(page).Groups[1].Value,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in as {email} failed: {(int)signIn.StatusCode}");

        var verifier = Base64Url(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var query = string.Join("&", new Dictionary<string, string>
        {
            ["client_id"] = CliClient,
            ["response_type"] = "code",
            ["redirect_uri"] = Redirect,
            ["scope"] = "openid " + scope,
            ["state"] = "bench",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        using var authorize = await browser.GetAsync("/connect/authorize?" + query);
        var code = System.Web.HttpUtility.ParseQueryString(authorize.Headers.Location?.Query ?? "")["code"]
            ?? throw new InvalidOperationException($"No authorization code: {(int)authorize.StatusCode} {authorize.Headers.Location}");
        using var token = await browser.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = Redirect,
            ["client_id"] = CliClient,
            ["code_verifier"] = verifier,
        }));
        var body = await token.Content.ReadAsStringAsync();
        if (!token.IsSuccessStatusCode) throw new InvalidOperationException($"Token request failed: {body}");
        var accessToken = JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString();
        return new StaffMember(browser, BenchHttp.Client(options, accessToken));
    }

    public void Dispose()
    {
        Browser.Dispose();
        Api.Dispose();
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
