
namespace CaraPlatform.Web.Tests.Tenancy;

public sealed class TenantRunnerTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_tenant_whose_work_throws_does_not_stop_the_others_and_is_reported()
    {
        var runner = fixture.Web.Services.GetRequiredService<TenantRunner>();

        var run = await runner.RunAsync("A test", async (tenant, services, ct) =>
        {
            if (tenant.Identifier == "hampshire") throw new InvalidOperationException("hampshire is broken today");
            // Each tenant's services serve that tenant alone: its context sees its own venues only.
            var db = services.GetRequiredService<CaraDbContext>();
            return (db.CurrentTenant?.Identifier, await db.Venues.Select(v => v.TenantId).Distinct().ToListAsync(ct));
        });

        var failure = Assert.Single(run.Failures);
        Assert.Equal("hampshire", failure.Tenant.Identifier);
        Assert.IsType<InvalidOperationException>(failure.Error);
        var active = await fixture.Web.Services.GetRequiredService<EfCoreTenantStore>().GetAllAsync();
        var expected = active.Select(t => t.Identifier).Where(s => s != "hampshire").Order().ToList();
        Assert.True(expected.Count >= 8, "the other delivery areas ran");
        Assert.Equal(expected, run.Results.Select(r => r.Tenant.Identifier).Order().ToList());
        foreach (var (tenant, (current, venueTenants)) in run.Results)
        {
            Assert.Equal(tenant.Identifier, current);
            Assert.All(venueTenants, id => Assert.Equal(tenant.TenantId, id));
        }
    }

    [Fact]
    public async Task Cancelling_the_pass_is_not_a_tenants_failure()
    {
        var runner = fixture.Web.Services.GetRequiredService<TenantRunner>();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            runner.RunAsync("A test", (_, _, ct) => Task.FromResult(ct.IsCancellationRequested), cancellationToken: cancelled.Token));
    }
}
