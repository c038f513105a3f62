namespace CaraPlatform.Web.Tests.Identity;

public sealed class ClientCredentialsTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_demo_client_gets_a_token_and_reads_its_tenants_venues()
    {
        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read");
        var venues = await (await fixture.Bearer(token).GetAsync("/api/v1/tenants/hampshire/venues")).ReadAs<List<VenueResponse>>();
        Assert.NotEmpty(venues);
    }

    [Fact]
    public async Task The_same_token_on_another_tenants_route_gets_404()
    {
        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read");
        await (await fixture.Bearer(token).GetAsync("/api/v1/tenants/west-yorkshire/venues")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_without_the_needed_scope_gets_403()
    {
        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "referrals.read");
        await (await fixture.Bearer(token).GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Forbidden);
        var readOnly = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read");
        await (await fixture.Bearer(readOnly).PostJson("/api/v1/tenants/hampshire/venues", VenueApi.NewVenue())).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_tampered_token_gets_401()
    {
        var token = await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read");
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];
        await (await fixture.Bearer(tampered).GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
        await (await fixture.Bearer("not-a-token").GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_expired_token_gets_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var web = fixture.Web.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(clock)));
        var token = await Tokens.ClientCredentialsAsync(web.CreateClient(), "hampshire-integration", "cara-demo-secret", "venues.read");
        var client = web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);

        clock.Advance(TimeSpan.FromHours(1));
        await (await client.GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_wrong_secret_gets_no_token()
    {
        var response = await Tokens.ClientCredentialsResponseAsync(fixture.Web.CreateClient(), "hampshire-integration", "not-the-secret", "venues.read");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_call_gets_401_problem()
    {
        await (await fixture.Web.CreateClient().GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
