using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaraPlatform.Tenancy;

/// <summary>Registration in Finbuckle's style: <c>services.AddMultiTenant&lt;T&gt;().WithRouteStrategy().WithStore()</c>.</summary>
public sealed class MultiTenantBuilder<TTenantInfo>(IServiceCollection services)
    where TTenantInfo : class, ITenantInfo
{
    public IServiceCollection Services { get; } = services;

    public MultiTenantBuilder<TTenantInfo> WithRouteStrategy(string routeParameterName = "tenant")
    {
        var strategy = new RouteStrategy(routeParameterName);
        Services.AddSingleton(strategy);
        Services.AddSingleton<IMultiTenantStrategy>(strategy);
        return this;
    }

    public MultiTenantBuilder<TTenantInfo> WithHostStrategy(string template)
    {
        Services.AddSingleton<IMultiTenantStrategy>(new HostStrategy(template));
        return this;
    }

    /// <summary>Reads tenants from <typeparamref name="TStore"/>, cached for <paramref name="cacheTimeToLive"/>.</summary>
    public MultiTenantBuilder<TTenantInfo> WithStore<TStore>(TimeSpan cacheTimeToLive)
        where TStore : class, IMultiTenantStore<TTenantInfo>
    {
        Services.AddMemoryCache();
        Services.TryAddSingleton<TStore>();
        Services.AddSingleton(sp => new CachedMultiTenantStore<TTenantInfo>(
            sp.GetRequiredService<TStore>(), sp.GetRequiredService<IMemoryCache>(), cacheTimeToLive));
        Services.AddSingleton<IMultiTenantStore<TTenantInfo>>(sp => sp.GetRequiredService<CachedMultiTenantStore<TTenantInfo>>());
        Services.AddSingleton<IInvalidatableStore>(sp => sp.GetRequiredService<CachedMultiTenantStore<TTenantInfo>>());
        return this;
    }
}

public static class MultiTenantServiceCollectionExtensions
{
    public static MultiTenantBuilder<TTenantInfo> AddMultiTenant<TTenantInfo>(this IServiceCollection services)
        where TTenantInfo : class, ITenantInfo
    {
        services.TryAddSingleton<AsyncLocalMultiTenantContextAccessor<TTenantInfo>>();
        services.TryAddSingleton<IMultiTenantContextAccessor<TTenantInfo>>(sp => sp.GetRequiredService<AsyncLocalMultiTenantContextAccessor<TTenantInfo>>());
        services.TryAddSingleton<IMultiTenantContextSetter<TTenantInfo>>(sp => sp.GetRequiredService<AsyncLocalMultiTenantContextAccessor<TTenantInfo>>());
        return new MultiTenantBuilder<TTenantInfo>(services);
    }
}
