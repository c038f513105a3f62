namespace CaraPlatform.Web.Tests.Features.Clients;

public sealed class ClientPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_client_created_on_the_page_shows_a_working_secret_once()
    {
        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "admin@hampshire.demo");
        var form = await admin.GetStringAsync("/t/hampshire/admin/clients");
        var name = $"Records system {Guid.NewGuid():N}"[..30];

        using var created = await admin.PostAsync("/t/hampshire/admin/clients?handler=Create", new FormUrlEncodedContent(
        [
            new("Name", name),
            new("Scopes", ApiScopes.VenuesRead),
            new("Scopes", ApiScopes.VenuesWrite),
            new("__RequestVerificationToken", UserTokens.AntiforgeryToken(form)),
        ]));
        var page = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("it will not be shown again", page, StringComparison.Ordinal);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var clientId = IssuedValue("issued-client-id").Match(page).Groups[1].Value;
        var secret = IssuedValue("issued-client-secret").Match(page).Groups[1].Value;
        Assert.NotEmpty(secret);

        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), clientId, secret, ApiScopes.VenuesRead);
        Assert.NotEmpty(token);

        var list = await admin.GetStringAsync("/t/hampshire/admin/clients");
        Assert.Contains(clientId, list, StringComparison.Ordinal);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
    }

    private static Regex IssuedValue(string id) => new($"id=\"{id}\"[^>]*>([^<]+)<");
}
