namespace CaraPlatform.Web.Tests.Features.Clients;

public sealed class ClientManagementTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Clients = "/api/v1/tenants/hampshire/clients";

    [Fact]
    public async Task A_ProviderAdmin_creates_rotates_and_revokes_a_client_whose_secret_is_shown_once()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var issued = await (await admin.PostJson(Clients, new CreateClientRequest("Force records system", ["venues.read"])))
            .ReadAs<IssuedClientResponse>(HttpStatusCode.Created);
        Assert.False(string.IsNullOrEmpty(issued.ClientSecret));

        var listed = await (await admin.GetAsync(Clients)).ReadAs<List<ClientResponse>>();
        Assert.Contains(listed, c => c.ClientId == issued.Client.ClientId);
        Assert.DoesNotContain(issued.ClientSecret, await (await admin.GetAsync(Clients)).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, "venues.read");
        Assert.Equal(HttpStatusCode.OK, (await fixture.Bearer(token).GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);
        // Granted venues.read only: asking for more is refused at the token endpoint.
        Assert.Equal(HttpStatusCode.BadRequest, (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, "venues.write")).StatusCode);

        var rotated = await (await admin.PostAsync($"{Clients}/{issued.Client.Id}/secret", null)).ReadAs<IssuedClientResponse>();
        Assert.NotEqual(issued.ClientSecret, rotated.ClientSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, "venues.read")).StatusCode);
        await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, rotated.ClientSecret, "venues.read");

        var live = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, rotated.ClientSecret, "venues.read");
        var revoked = await (await admin.DeleteAsync($"{Clients}/{issued.Client.Id}")).ReadAs<ClientResponse>();
        // Revoking ends the tokens already issued, not only future ones.
        await (await fixture.Bearer(live).GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotNull(revoked.RevokedAt);
        Assert.NotEqual(HttpStatusCode.OK, (await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), issued.Client.ClientId, rotated.ClientSecret, "venues.read")).StatusCode);
    }

    [Fact]
    public async Task Another_tenants_admin_cannot_see_or_touch_the_client()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var issued = await (await admin.PostJson(Clients, new CreateClientRequest("Isolation check", ["venues.read"])))
            .ReadAs<IssuedClientResponse>(HttpStatusCode.Created);

        var otherAdmin = await fixture.PersonApiAsync("admin@west-yorkshire.demo");
        await (await otherAdmin.GetAsync(Clients)).ProblemAsync(HttpStatusCode.NotFound);
        var theirs = await (await otherAdmin.GetAsync("/api/v1/tenants/west-yorkshire/clients")).ReadAs<List<ClientResponse>>();
        Assert.DoesNotContain(theirs, c => c.Id == issued.Client.Id);
        await (await otherAdmin.DeleteAsync($"/api/v1/tenants/west-yorkshire/clients/{issued.Client.Id}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_client_requests_are_400_naming_the_field()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var problem = await (await admin.PostJson(Clients, new CreateClientRequest("Bad scopes", ["everything"]))).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors().Keys, k => k.StartsWith("scopes", StringComparison.Ordinal));
        problem = await (await admin.PostRawJson(Clients, "{\"name\": 42, \"scopes\": []}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("name"));
        problem = await (await admin.PostRawJson(Clients, "{\"name\": \"Case\\u0000system\", \"scopes\": [\"venues.read\"]}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey("name"));
        problem = await (await admin.PostRawJson(Clients, "{\"name\": \"Case system\", \"scopes\": [\"venues.read\\u0000\"]}")).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.Errors().Keys, k => k.StartsWith("scopes", StringComparison.Ordinal));
    }
}
