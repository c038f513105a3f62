namespace CaraPlatform.Web.Tests.TenantIsolation;

public sealed class VenueApiIsolationTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Another_tenant_cannot_get_list_or_update_a_tenants_venue()
    {
        var hampshire = await fixture.ApiClientAsync("hampshire");
        var _client = await fixture.ApiClientAsync("west-yorkshire");
        var hampshireVenue = await VenueApi.CreateAsync(hampshire, "hampshire");

        var get = await _client.GetAsync($"/api/v1/tenants/west-yorkshire/venues/{hampshireVenue.Id}");
        await get.ProblemAsync(HttpStatusCode.NotFound);

        var list = await (await _client.GetAsync("/api/v1/tenants/west-yorkshire/venues?includeInactive=true")).ReadAs<List<VenueResponse>>();
        Assert.NotEmpty(list);
        Assert.DoesNotContain(list, v => v.Id == hampshireVenue.Id);

        var update = await _client.PutAsJsonAsync($"/api/v1/tenants/west-yorkshire/venues/{hampshireVenue.Id}",
            VenueApi.UpdateOf(hampshireVenue) with { Name = "Taken over" }, HttpExtensions.Json);
        await update.ProblemAsync(HttpStatusCode.NotFound);

        var unchanged = await (await hampshire.GetAsync($"/api/v1/tenants/hampshire/venues/{hampshireVenue.Id}")).ReadAs<VenueResponse>();
        Assert.Equal(hampshireVenue.Name, unchanged.Name);
        Assert.Equal(hampshireVenue.Version, unchanged.Version);
    }

    [Fact]
    public async Task Each_tenant_lists_only_its_own_seeded_venues()
    {
        foreach (var slug in new[] { "hampshire", "west-yorkshire" })
        {
            var _client = await fixture.ApiClientAsync(slug);
            var definition = fixture.Database.Definitions.Single(d => d.Slug == slug);
            var codes = (await (await _client.GetAsync($"/api/v1/tenants/{slug}/venues?includeInactive=true")).ReadAs<List<VenueResponse>>())
                .Select(v => v.Code).ToHashSet();
            Assert.Superset(definition.Venues.Select(v => v.Code).ToHashSet(), codes);
            var others = fixture.Database.Definitions.Where(d => d.Slug != slug).SelectMany(d => d.Venues).Select(v => v.Code);
            Assert.Empty(codes.Intersect(others).Except(definition.Venues.Select(v => v.Code)));
        }
    }

    [Theory]
    [InlineData("/api/v1/tenants/atlantis/venues")]
    [InlineData("/api/v1/tenants/HAMPSHIRE/venues")]
    [InlineData("/api/v1/tenants/hampshire%27--/venues")]
    public async Task Unknown_tenant_is_404_problem(string url)
    {
        var response = await (await fixture.ApiClientAsync("hampshire")).GetAsync(url);
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_token_bound_to_one_tenant_gets_404_on_another_tenants_routes()
    {
        var hampshire = await fixture.ApiClientAsync("hampshire");
        await (await hampshire.GetAsync("/api/v1/tenants/west-yorkshire/venues")).ProblemAsync(HttpStatusCode.NotFound);
        await (await hampshire.PostJson("/api/v1/tenants/west-yorkshire/venues", VenueApi.NewVenue())).ProblemAsync(HttpStatusCode.NotFound);
    }
}
