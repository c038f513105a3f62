namespace CaraPlatform.Tenancy;

/// <summary>What the platform knows about a tenant: the shape of Finbuckle.MultiTenant's <c>ITenantInfo</c>.</summary>
public interface ITenantInfo
{
    /// <summary>Stable id (the database's tenant_id).</summary>
    string Id { get; }

    /// <summary>The identifier strategies resolve: the tenant's slug in routes and host names.</summary>
    string Identifier { get; }

    string Name { get; }
}
