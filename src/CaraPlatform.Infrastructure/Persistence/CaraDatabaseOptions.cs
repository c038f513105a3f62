namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>How every <see cref="CaraDbContext"/> is configured, whichever role it connects as.</summary>
public static class CaraDatabaseOptions
{
    public const string MigrationsAssembly = "CaraPlatform.Migrations";

    /// <param name="memberships">The host's cache of roles, which its own saves update at once; none for tools and the owner.</param>
    public static DbContextOptionsBuilder Configure(
        DbContextOptionsBuilder builder, string connectionString, TimeProvider clock, Identity.MembershipCache? memberships = null)
    {
        builder
            .UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(MigrationsAssembly))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new Events.TenantEventOutbox(clock), new TenantStampInterceptor(clock), new TenantSessionInterceptor());
        // After the tenant stamp, so that a new membership's tenant is known.
        if (memberships is not null) builder.AddInterceptors(new Identity.MembershipCache.Changes(memberships));
        return builder;
    }
}

/// <summary>
/// Contexts connected as the owner role: for migrations and applying tenant definitions only. The owner is
/// subject to row-level security too (the policies are FORCEd), so it works through tenant scopes like the app.
/// </summary>
public sealed class OwnerDatabase(string connectionString, IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock)
{
    public string ConnectionString { get; } = connectionString;

    public CaraDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<CaraDbContext>();
        CaraDatabaseOptions.Configure(options, ConnectionString, clock);
        return new CaraDbContext(options.Options, tenants);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = CreateContext();
        // A migration that fills a new column goes through every row: a million national referrals take more than the
        // 30 seconds a request's command may.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(cancellationToken);
    }
}
