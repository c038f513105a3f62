namespace CaraPlatform.Web.Platform;

/// <summary>The route's tenant, for code that only runs inside one (tenant endpoints, tenant pages, tenant jobs' scopes).</summary>
public static class TenantContexts
{
    /// <summary>The route's tenant. The tenant is the platform's business: nothing in the handlers filters by it.</summary>
    public static CaraTenantInfo Current(this IMultiTenantContextAccessor<CaraTenantInfo> tenants) =>
        tenants.MultiTenantContext.TenantInfo ?? throw new InvalidOperationException("This is handled inside a tenant, and none was resolved.");
}
