namespace CaraPlatform.Web.Tests.Features.Clients;

public sealed class NationalClientPagesTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Page = "/national/clients";

    [Fact]
    public async Task A_licence_admin_creates_a_client_on_the_page_sees_a_working_secret_once_then_revokes_it()
    {
        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");
        var form = await UserTokens.GetOkAsync(admin, Page);
        var name = $"Licence reporting {Guid.NewGuid():N}"[..30];

        using var created = await admin.PostAsync($"{Page}?handler=Create", UserTokens.Form(form,
            [new("Name", name), new("Scopes", ApiScopes.LicencesRead), new("Scopes", ApiScopes.TrainingRead)]));
        var page = await created.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Contains("it will not be shown again", page, StringComparison.Ordinal);
        Assert.True(created.Headers.CacheControl?.NoStore);
        var clientId = IssuedValue("issued-client-id").Match(page).Groups[1].Value;
        var secret = IssuedValue("issued-client-secret").Match(page).Groups[1].Value;
        await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), clientId, secret, $"{ApiScopes.LicencesRead} {ApiScopes.TrainingRead}");

        var list = await UserTokens.GetOkAsync(admin, Page);
        Assert.Contains(name, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        var id = (await (await (await fixture.PersonApiAsync("licence-admin@hamptontrust.demo")).GetAsync("/api/v1/national/clients"))
            .ReadAs<List<ClientResponse>>()).Single(c => c.ClientId == clientId).Id;
        using var revoked = await admin.PostAsync($"{Page}?handler=Revoke", UserTokens.Form(list, [new("clientId", id.ToString()), new("confirm", "true")]));
        Assert.Contains($"{name} is revoked", await revoked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), clientId, secret, ApiScopes.LicencesRead)).StatusCode);
    }

    [Fact]
    public async Task A_tenant_scope_is_refused_at_its_field()
    {
        var admin = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");
        var form = await UserTokens.GetOkAsync(admin, Page);

        using var refused = await admin.PostAsync($"{Page}?handler=Create", UserTokens.Form(form, [new("Name", "Wants venues"), new("Scopes", ApiScopes.VenuesRead)]));

        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("is not a scope; use licences.read, training.read, national.read, qa.read.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("issued-client-secret", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_licence_admin_reaches_the_page()
    {
        var trainer = await UserTokens.SignedInBrowserAsync(fixture.Web, "trainer@hamptontrust.demo");
        Assert.Contains("access-denied", (await trainer.GetAsync(Page)).Headers.Location?.ToString(), StringComparison.Ordinal);
        var tenantAdmin = await UserTokens.SignedInBrowserAsync(fixture.Web, "admin@hampshire.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await tenantAdmin.GetAsync(Page)).StatusCode);
    }

    private static Regex IssuedValue(string id) => new($"id=\"{id}\"[^>]*>([^<]+)<");
}
