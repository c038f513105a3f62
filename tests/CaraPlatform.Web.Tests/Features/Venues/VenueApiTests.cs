namespace CaraPlatform.Web.Tests.Features.Venues;

public sealed class VenueApiTests(CaraPlatformFixture fixture) : IntegrationTest, IAsyncLifetime
{
    private const string Venues = "/api/v1/tenants/hampshire/venues";
    private HttpClient _client = null!;
    private HttpClient _westYorkshire = null!;
    private HttpClient _dorset = null!;

    public async Task InitializeAsync()
    {
        _client = await fixture.ApiClientAsync("hampshire");
        _westYorkshire = await fixture.ApiClientAsync("west-yorkshire");
        _dorset = await fixture.ApiClientAsync("dorset");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Lists_the_venues_seeded_from_the_tenant_file()
    {
        var venues = await (await _client.GetAsync(Venues)).ReadAs<List<VenueResponse>>();
        var seeded = fixture.Database.Definitions.Single(d => d.Slug == "hampshire").Venues;
        Assert.Superset(seeded.Select(v => v.Code).ToHashSet(), venues.Select(v => v.Code).ToHashSet());
        Assert.Equal("SO14 5GL", venues.Single(v => v.Code == "southampton-northam").Postcode);
    }

    [Fact]
    public async Task Creates_gets_and_updates_a_venue()
    {
        var created = await VenueApi.CreateAsync(_client, "hampshire");
        Assert.Equal("SO14 5GL", created.Postcode);
        Assert.True(created.IsActive);

        var response = await _client.PostJson(Venues, VenueApi.NewVenue());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.EndsWith($"/venues/{(await response.ReadAs<VenueResponse>(HttpStatusCode.Created)).Id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        var fetched = await (await _client.GetAsync($"{Venues}/{created.Id}")).ReadAs<VenueResponse>();
        Assert.Equal(created, fetched);

        var updated = await (await _client.PutAsJsonAsync($"{Venues}/{created.Id}",
            VenueApi.UpdateOf(created) with { Name = "Renamed Hall", IsActive = false }, HttpExtensions.Json)).ReadAs<VenueResponse>();
        Assert.Equal("Renamed Hall", updated.Name);
        Assert.False(updated.IsActive);
        Assert.NotEqual(created.Version, updated.Version);

        var active = await (await _client.GetAsync(Venues)).ReadAs<List<VenueResponse>>();
        Assert.DoesNotContain(active, v => v.Id == created.Id);
        var all = await (await _client.GetAsync($"{Venues}?includeInactive=true")).ReadAs<List<VenueResponse>>();
        Assert.Contains(all, v => v.Id == created.Id);
    }

    [Fact]
    public async Task Capacity_defaults_to_the_tenants_group_size()
    {
        // Dorset's tenant file sets a workshop capacity of 10: the per-tenant options must serve Dorset's value.
        var dorset = await VenueApi.CreateAsync(_dorset, "dorset", VenueApi.NewVenue() with { Capacity = null });
        var hampshire = await VenueApi.CreateAsync(_client, "hampshire", VenueApi.NewVenue() with { Capacity = null });
        Assert.Equal(fixture.Database.Definitions.Single(d => d.Slug == "dorset").WorkshopDefaults.Capacity, dorset.Capacity);
        Assert.Equal(fixture.Database.Definitions.Single(d => d.Slug == "hampshire").WorkshopDefaults.Capacity, hampshire.Capacity);
        Assert.NotEqual(dorset.Capacity, hampshire.Capacity);
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_409_and_changes_nothing()
    {
        var created = await VenueApi.CreateAsync(_client, "hampshire");
        var first = await _client.PutAsJsonAsync($"{Venues}/{created.Id}", VenueApi.UpdateOf(created) with { Name = "First" }, HttpExtensions.Json);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        var stale = await _client.PutAsJsonAsync($"{Venues}/{created.Id}", VenueApi.UpdateOf(created) with { Name = "Second" }, HttpExtensions.Json);
        await stale.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("First", (await (await _client.GetAsync($"{Venues}/{created.Id}")).ReadAs<VenueResponse>()).Name);
    }

    [Fact]
    public async Task A_duplicate_code_is_refused_with_409()
    {
        var created = await VenueApi.CreateAsync(_client, "hampshire");
        var duplicate = await _client.PostJson(Venues, VenueApi.NewVenue(created.Code));
        var problem = await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("code", problem.GetProperty("field").GetString());

        // The same code in another tenant is that tenant's business.
        await VenueApi.CreateAsync(_westYorkshire, "west-yorkshire", VenueApi.NewVenue(created.Code));
    }

    [Fact]
    public async Task Unknown_venue_is_404_problem()
    {
        await (await _client.GetAsync($"{Venues}/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"{Venues}/not-a-guid")).ProblemAsync(HttpStatusCode.NotFound);
    }

    public static TheoryData<string, string, string> BadCreates => new()
    {
        // body, field named, why
        { "{ \"code\": \"x\", ", "body", "malformed JSON" },
        { "not json at all", "body", "not JSON" },
        { "[]", "body", "an array, not an object" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"capacity\":\"twelve\",\"stepFreeAccess\":true}", "capacity", "a string for a number" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"capacity\":12,\"stepFreeAccess\":\"yes\"}", "stepFreeAccess", "a string for a boolean" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"capacity\":12.5,\"stepFreeAccess\":true}", "capacity", "a fraction for an integer" },
        { "{\"code\":\"ok-code\",\"name\":[\"Hall\"],\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "name", "an array for a string" },
        { "{}", "code", "missing fields" },
        { "{\"code\":\"ok-code\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "name", "missing name" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\"}", "stepFreeAccess", "missing stepFreeAccess" },
        { "{\"code\":\"Not A Code!\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "code", "a code with spaces and capitals" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"90210\",\"stepFreeAccess\":true}", "postcode", "not a UK postcode" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"capacity\":13,\"stepFreeAccess\":true}", "capacity", "13 seats: over a CARA group" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"capacity\":0,\"stepFreeAccess\":true}", "capacity", "no seats" },
        { $"{{\"code\":\"ok-code\",\"name\":\"{new string('x', 201)}\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}}", "name", "oversize name" },
        { $"{{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true,\"notes\":\"{new string('x', 1001)}\"}}", "notes", "oversize notes" },
        { "{\"code\":\"ok-code\",\"name\":\"Ha\\u0000ll\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "name", "a NUL character, which PostgreSQL refuses" },
        { "{\"code\":\"ok-\\u0000code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "code", "a NUL character in the code" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Le\\u001beds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}", "town", "an escape character" },
        { "{\"code\":\"ok-code\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true,\"notes\":\"\\u0000\"}", "notes", "notes of a NUL" },
        { $"{{\"code\":\"{new string('a', 64)}\",\"name\":\"Hall\",\"addressLine1\":\"1 St\",\"town\":\"Leeds\",\"postcode\":\"LS1 4AP\",\"stepFreeAccess\":true}}", "code", "oversize code" },
    };

    [Theory]
    [MemberData(nameof(BadCreates))]
    public async Task Bad_input_on_create_is_400_problem_naming_the_field(string body, string field, string why)
    {
        var before = (await (await _client.GetAsync($"{Venues}?includeInactive=true")).ReadAs<List<VenueResponse>>()).Count;
        var response = await _client.PostRawJson(Venues, body);
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.Errors().ContainsKey(field), $"{why}: expected an error for '{field}', got {problem}");
        var after = (await (await _client.GetAsync($"{Venues}?includeInactive=true")).ReadAs<List<VenueResponse>>()).Count;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_body_without_a_json_content_type_is_415_problem()
    {
        var response = await _client.PostAsync(Venues, new StringContent("code=x", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Bad_input_on_update_is_400_problem_naming_the_field()
    {
        var created = await VenueApi.CreateAsync(_client, "hampshire");
        var missingVersion = await _client.PutAsJsonAsync($"{Venues}/{created.Id}", VenueApi.UpdateOf(created) with { Version = null }, HttpExtensions.Json);
        Assert.True((await missingVersion.ProblemAsync(HttpStatusCode.BadRequest)).Errors().ContainsKey("version"));

        var negativeVersion = await _client.PutRawJson($"{Venues}/{created.Id}",
            System.Text.Json.JsonSerializer.Serialize(VenueApi.UpdateOf(created), HttpExtensions.Json).Replace($"\"version\":{created.Version}", "\"version\":-1", StringComparison.Ordinal));
        Assert.True((await negativeVersion.ProblemAsync(HttpStatusCode.BadRequest)).Errors().ContainsKey("version"));

        var nulName = await _client.PutRawJson($"{Venues}/{created.Id}",
            System.Text.Json.JsonSerializer.Serialize(VenueApi.UpdateOf(created) with { Name = "Hall\u0000" }, HttpExtensions.Json));
        Assert.True((await nulName.ProblemAsync(HttpStatusCode.BadRequest)).Errors().ContainsKey("name"));
        Assert.True((await (await _client.GetAsync($"{Venues}?includeInactive=%00")).ProblemAsync(HttpStatusCode.BadRequest)).Errors().ContainsKey("includeInactive"));
    }
}
