namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// Generated from the endpoint list: every tenant GET naming a record that does not exist (or is another tenant's)
/// answers 404 problem details, whether it reads the record itself or something under it.
/// </summary>
public sealed class MissingParentTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Tenant = "hampshire";

    /// <summary>What some reads require besides the record (a justification, an export's subject): ignored by the rest.</summary>
    private const string RequiredQuery = "?reason=checking+the+record&subject=offender&format=json";

    [Fact]
    public async Task Every_tenant_read_of_a_missing_or_foreign_record_is_404()
    {
        var endpoints = fixture.Web.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText!.StartsWith("/api/v1/tenants/{tenant}", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Single() == "GET"
                && e.RoutePattern.Parameters.Any(p => p.Name.EndsWith("Id", StringComparison.Ordinal)))
            .ToList();
        Assert.True(endpoints.Count >= 8, "the endpoint list was read");

        // A record of another tenant: its id must be as unknown here as a made-up one.
        var foreign = await ReferralApi.CreateAsync(await fixture.ApiClientAsync("west-yorkshire"), "west-yorkshire");
        var people = new Dictionary<TenantRole, HttpClient>();
        var failures = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var requirement = endpoint.Metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<TenantAccessRequirement>().Single();
            // A caller the endpoint lets in, so that what answers is the missing record, not the access check.
            var caller = requirement.ClientsMayCall
                ? await fixture.ApiClientAsync(Tenant)
                : people.TryGetValue(requirement.Roles[0], out var known) ? known
                : people[requirement.Roles[0]] = await fixture.PersonApiAsync((await TestPeople.MemberAsync(fixture, Tenant, requirement.Roles[0])).Email);
            foreach (var id in new[] { Guid.NewGuid(), foreign.Id })
            {
                var url = RouteUrls.Fill(endpoint, name =>
                    name == "tenant" ? Tenant : name.EndsWith("Id", StringComparison.Ordinal) ? id.ToString() : "Workshop1") + RequiredQuery;

                using var response = await caller.GetAsync(url);
                if (response.StatusCode != HttpStatusCode.NotFound || response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                    failures.Add($"GET {url}: {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
