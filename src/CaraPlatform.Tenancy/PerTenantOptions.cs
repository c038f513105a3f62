using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Tenancy;

public static class PerTenantOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Configures <typeparamref name="TOptions"/> from the current tenant, as Finbuckle's
    /// <c>ConfigurePerTenant</c>. <c>IOptions</c>, <c>IOptionsSnapshot</c> and <c>IOptionsMonitor</c> all answer
    /// for the current tenant: options are cached per tenant-info instance, so a refreshed tenant (new
    /// instance from the store) gets freshly built options and one tenant's values never serve another.
    /// </summary>
    public static IServiceCollection ConfigurePerTenant<TOptions, TTenantInfo>(
        this IServiceCollection services, Action<TOptions, TTenantInfo> configure)
        where TOptions : class
        where TTenantInfo : class, ITenantInfo
    {
        services.AddOptions<TOptions>();
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => new ConfigureNamedOptions<TOptions>(Options.DefaultName, options =>
        {
            var tenant = sp.GetRequiredService<IMultiTenantContextAccessor<TTenantInfo>>().MultiTenantContext.TenantInfo;
            if (tenant is not null) configure(options, tenant);
        }));
        services.AddSingleton<IOptionsMonitorCache<TOptions>, PerTenantOptionsCache<TOptions, TTenantInfo>>();
        services.AddTransient<IOptions<TOptions>, PerTenantOptionsManager<TOptions>>();
        services.AddTransient<IOptionsSnapshot<TOptions>, PerTenantOptionsManager<TOptions>>();
        return services;
    }
}

internal sealed class PerTenantOptionsCache<TOptions, TTenantInfo>(IMultiTenantContextAccessor<TTenantInfo> accessor)
    : IOptionsMonitorCache<TOptions>
    where TOptions : class
    where TTenantInfo : class, ITenantInfo
{
    private readonly ConditionalWeakTable<TTenantInfo, OptionsCache<TOptions>> _byTenant = [];
    private readonly OptionsCache<TOptions> _noTenant = new();

    private OptionsCache<TOptions> Current =>
        accessor.MultiTenantContext.TenantInfo is { } tenant ? _byTenant.GetValue(tenant, _ => new OptionsCache<TOptions>()) : _noTenant;

    public TOptions GetOrAdd(string? name, Func<TOptions> createOptions) => Current.GetOrAdd(name, createOptions);

    public bool TryAdd(string? name, TOptions options) => Current.TryAdd(name, options);

    public bool TryRemove(string? name) => Current.TryRemove(name);

    public void Clear() => Current.Clear();
}

internal sealed class PerTenantOptionsManager<TOptions>(IOptionsMonitor<TOptions> monitor) : IOptionsSnapshot<TOptions>
    where TOptions : class
{
    public TOptions Value => Get(Options.DefaultName);

    public TOptions Get(string? name) => monitor.Get(name);
}
