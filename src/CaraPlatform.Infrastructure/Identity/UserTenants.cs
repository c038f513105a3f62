using CaraPlatform.Domain.Access;

namespace CaraPlatform.Infrastructure.Identity;

public sealed record UserTenant(CaraTenantInfo Tenant, IReadOnlyList<TenantRole> Roles);

/// <summary>
/// The reviewed cross-tenant read behind the tenant picker: a person's memberships in every tenant. It asks each
/// tenant in that tenant's own scope, so row-level security and the tenant filter hold as everywhere else.
/// </summary>
public sealed class UserTenants(
    TenantRunner runner,
    IMultiTenantContextSetter<CaraTenantInfo> scopes,
    IDbContextFactory<CaraDbContext> contexts,
    MembershipCache cache)
{
    /// <summary>The person's memberships; a tenant that cannot be asked just now is left out (the runner logs it).</summary>
    public async Task<IReadOnlyList<UserTenant>> ForUserAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        var run = await runner.RunAsync("Reading a person's memberships",
            (tenant, _, ct) => RolesIn(tenant, userId, ct), cancellationToken: cancellationToken);
        return [.. run.Results.Where(r => r.Result is not null).Select(r => new UserTenant(r.Tenant, r.Result!))];
    }

    /// <summary>The person's roles in <paramref name="tenant"/>, or null when they are not a member.</summary>
    public async Task<IReadOnlyList<TenantRole>?> RolesIn(CaraTenantInfo tenant, Guid userId, CancellationToken cancellationToken = default) =>
        (await MembershipIn(tenant, userId, cancellationToken))?.Roles;

    /// <summary>The person's roles and forces in <paramref name="tenant"/>, or null when they are not a member.</summary>
    public Task<MemberFacts?> MembershipIn(CaraTenantInfo tenant, Guid userId, CancellationToken cancellationToken = default) =>
        cache.GetOrReadAsync(tenant.TenantId, userId, ct => ReadAsync(tenant, userId, ct), cancellationToken);

    private async Task<MemberFacts?> ReadAsync(CaraTenantInfo tenant, Guid userId, CancellationToken cancellationToken)
    {
        CaraDbContext db;
        using (scopes.BeginScope(tenant))
        {
            db = await contexts.CreateDbContextAsync(cancellationToken);
        }

        await using (db)
        {
            var membership = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == userId, cancellationToken);
            return membership is null ? null : new MemberFacts(membership.Roles, membership.ForceCodes);
        }
    }
}
