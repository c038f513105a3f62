using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CaraPlatform.Web.Tests.Platform;

public sealed class HealthAndOpenApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_200(string path)
    {
        var response = await fixture.Web.CreateClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Swagger_document_is_valid_OpenAPI_3_and_lists_the_venue_endpoints()
    {
        var json = await fixture.Web.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        Assert.StartsWith("3.", JsonDocument.Parse(json).RootElement.GetProperty("openapi").GetString());

        var settings = new OpenApiReaderSettings();
        var result = OpenApiDocument.Parse(json, "json", settings);
        Assert.Empty(result.Diagnostic?.Errors ?? []);
        var document = result.Document!;

        var collection = document.Paths["/api/v1/tenants/{tenant}/venues"];
        var item = document.Paths["/api/v1/tenants/{tenant}/venues/{venueId}"];
        Assert.Equal([HttpMethod.Get, HttpMethod.Post], collection.Operations!.Keys.OrderBy(m => m.Method));
        Assert.Equal([HttpMethod.Get, HttpMethod.Put], item.Operations!.Keys.OrderBy(m => m.Method));
        Assert.Contains(collection.Operations[HttpMethod.Get].Parameters ?? collection.Parameters ?? [],
            p => p.Name == "tenant" && p.In == ParameterLocation.Path);
    }

    [Fact]
    public async Task Every_operation_names_the_one_scope_it_needs()
    {
        var document = JsonDocument.Parse(await fixture.Web.CreateClient().GetStringAsync("/swagger/v1/swagger.json")).RootElement;
        var scopes = new Dictionary<string, string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var security = operation.Value.GetProperty("security").EnumerateArray().Single().GetProperty("oauth2").EnumerateArray().Single();
                scopes[$"{operation.Name.ToUpperInvariant()} {path.Name}"] = security.GetString()!;
            }
        }

        Assert.Equal("victims.read", scopes["GET /api/v1/tenants/{tenant}/referrals/{referralId}/victim"]);
        Assert.Equal("referrals.write", scopes["POST /api/v1/tenants/{tenant}/referrals"]);
        Assert.Equal("tenant.admin", scopes["GET /api/v1/tenants/{tenant}/members"]);
        Assert.Equal("platform.admin", scopes["GET /api/v1/national/platform-staff"]);
        var flows = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2").GetProperty("flows");
        Assert.False(flows.GetProperty("clientCredentials").GetProperty("scopes").TryGetProperty("victims.read", out _));
        Assert.True(flows.GetProperty("authorizationCode").GetProperty("scopes").TryGetProperty("victims.read", out _));
    }

    [Fact]
    public async Task Swagger_UI_is_served()
    {
        var response = await fixture.Web.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}

public sealed class ReferralOpenApiTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Every_referral_operation_is_documented_and_requests_carry_examples_the_api_accepts()
    {
        var json = await fixture.Web.CreateClient().GetStringAsync("/swagger/v1/swagger.json");
        var root = JsonDocument.Parse(json).RootElement;
        var paths = root.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/tenants/{tenant}/referrals", "/api/v1/tenants/{tenant}/referrals/{referralId}",
            "/api/v1/tenants/{tenant}/referrals/{referralId}/screening", "/api/v1/tenants/{tenant}/referrals/{referralId}/withdraw",
            "/api/v1/tenants/{tenant}/referrals/{referralId}/police-decision", "/api/v1/tenants/{tenant}/referrals/{referralId}/victim",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not documented");
            foreach (var operation in item.EnumerateObject().Where(o => o.Name is "get" or "post" or "put"))
                Assert.True(operation.Value.TryGetProperty("summary", out _), $"{operation.Name} {path} has no summary");
        }

        var schema = root.GetProperty("components").GetProperty("schemas").GetProperty("CreateReferralRequest");
        var example = schema.GetProperty("example");
        // The documented example must be a request the API takes (with a fresh reference, so it is new).
        var body = System.Text.Json.Nodes.JsonNode.Parse(example.GetRawText())!;
        body["policeReference"] = ReferralApi.NewPoliceReference();
        body["disposalDate"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        body["offence"]!["date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-5).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var client = await fixture.ApiClientAsync("hampshire");
        var response = await client.PostRawJson("/api/v1/tenants/hampshire/referrals", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
