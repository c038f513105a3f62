namespace CaraPlatform.Web.Tests.TenantIsolation;

public sealed class SuspendedTenantTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_suspended_tenant_is_404_like_an_unknown_one()
    {
        var definition = fixture.Database.Definitions.Single(d => d.Slug == "dorset") with
        {
            Slug = "suspended-area",
            Name = "CARA Suspended Area",
            Status = TenantStatus.Suspended,
        };
        await fixture.Database.Services.GetRequiredService<TenantDefinitionApplier>().ApplyAsync([definition]);

        var response = await (await fixture.ApiClientAsync("hampshire")).GetAsync("/api/v1/tenants/suspended-area/venues");
        await response.ProblemAsync(HttpStatusCode.NotFound);
    }
}
