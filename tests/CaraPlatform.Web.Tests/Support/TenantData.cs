namespace CaraPlatform.Web.Tests.Support;

/// <summary>Reads a tenant's rows straight from the database, inside that tenant's scope, for assertions.</summary>
public static class TenantData
{
    public static async Task<T> ReadAsync<T>(this CaraPlatformFixture fixture, string tenant, Func<CaraDbContext, Task<T>> read)
    {
        var info = await fixture.Database.TenantAsync(tenant);
        using var scope = fixture.Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(info);
        await using var db = await fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    /// <summary>A person's user id, by email (the demo accounts' ids are made at seeding).</summary>
    public static async Task<Guid> UserIdAsync(this CaraPlatformFixture fixture, string email)
    {
        await using var scope = fixture.Web.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Infrastructure.Identity.CaraUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>The police notices made for a referral, oldest first, once the tenant's events are relayed.</summary>
    public static async Task<List<PoliceNotice>> NoticesAsync(this CaraPlatformFixture fixture, string tenant, Guid referralId)
    {
        await fixture.RelayEventsAsync(tenant);
        return await fixture.ReadAsync(tenant, db => db.PoliceNotices.AsNoTracking().Where(n => n.ReferralId == referralId).OrderBy(n => n.OccurredAt).ToListAsync());
    }

    /// <summary>
    /// Lets every tenant event consumer catch up with the tenant's events, as the relay's next round would (the shared
    /// host runs no relay of its own). Fails when a consumer did.
    /// </summary>
    public static async Task RelayEventsAsync(this CaraPlatformFixture fixture, string tenant)
    {
        var run = await fixture.Web.Services.GetRequiredService<TenantEventRelay>().RunOnceAsync(tenant);
        Assert.Empty(run.Failures);
        Assert.All(run.Results, r => Assert.Empty(r.Result.FailedConsumers));
    }

    /// <summary>A relay of the test's own over the shared host's database, feeding only <paramref name="consumers"/>.</summary>
    public static TenantEventRelay Relay(this CaraPlatformFixture fixture, params ITenantEventConsumer[] consumers) => new(
        fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>(),
        fixture.Web.Services.GetRequiredService<TenantRunner>(),
        new TenantEventSignal(TimeProvider.System, Options.Create(new TenantEventRelayOptions())),
        consumers,
        Options.Create(new TenantEventRelayOptions()),
        TimeProvider.System,
        NullLogger<TenantEventRelay>.Instance);
}
