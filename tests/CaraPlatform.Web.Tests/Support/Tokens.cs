
namespace CaraPlatform.Web.Tests.Support;

public static class Tokens
{
    public static async Task<string> ClientCredentialsAsync(HttpClient http, string clientId, string secret, string? scope = null)
    {
        var response = await ClientCredentialsResponseAsync(http, clientId, secret, scope);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"token request failed: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    public static Task<HttpResponseMessage> ClientCredentialsResponseAsync(HttpClient http, string clientId, string secret, string? scope = null)
    {
        var form = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = clientId, ["client_secret"] = secret };
        if (scope is not null) form["scope"] = scope;
        return http.PostAsync("/connect/token", new FormUrlEncodedContent(form));
    }
}
