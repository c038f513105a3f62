namespace CaraPlatform.Infrastructure.Tenancy;

/// <summary>Reads active tenants from the tenants table (a global table, so no tenant is needed to read it).</summary>
public sealed class EfCoreTenantStore(IDbContextFactory<CaraDbContext> contexts) : IMultiTenantStore<CaraTenantInfo>
{
    public async Task<CaraTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await Active(db).SingleOrDefaultAsync(t => t.Slug == identifier, cancellationToken);
        return tenant is null ? null : CaraTenantInfo.From(tenant);
    }

    public async Task<CaraTenantInfo?> TryGetAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!Guid.TryParse(id, out var tenantId)) return null;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenant = await Active(db).SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken);
        return tenant is null ? null : CaraTenantInfo.From(tenant);
    }

    public async Task<IReadOnlyList<CaraTenantInfo>> GetAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tenants = await Active(db).OrderBy(t => t.Slug).ToListAsync(cancellationToken);
        return [.. tenants.Select(CaraTenantInfo.From)];
    }

    private static IQueryable<Tenant> Active(CaraDbContext db) =>
        db.Tenants.AsNoTracking().Where(t => t.Status == TenantStatus.Active);
}
