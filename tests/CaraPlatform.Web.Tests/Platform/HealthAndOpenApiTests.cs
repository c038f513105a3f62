using System.Net;
using System.Text.Json;
using CaraPlatform.Web.Tests.Support;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace CaraPlatform.Web.Tests.Platform;

[Collection(IntegrationTests.Name)]
public sealed class HealthAndOpenApiTests(CaraPlatformFixture fixture)
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
    public async Task Swagger_UI_is_served()
    {
        var response = await fixture.Web.CreateClient().GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
