using CaraPlatform.Infrastructure.Events;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Infrastructure.Tenants;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaraPlatform.Infrastructure;

public static class DependencyInjection
{
    /// <summary>Connection string names: the application role serves requests; the owner role migrates.</summary>
    public const string ApplicationConnection = "Cara";
    public const string OwnerConnection = "CaraOwner";

    public static IServiceCollection AddCaraInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        var multiTenant = services.AddMultiTenant<CaraTenantInfo>()
            .WithRouteStrategy("tenant")
            .WithStore<EfCoreTenantStore>(TimeSpan.FromSeconds(30));
        if (configuration["Tenancy:HostTemplate"] is { Length: > 0 } hostTemplate)
            multiTenant.WithHostStrategy(hostTemplate);

        services.AddDbContextFactory<CaraDbContext>((sp, options) =>
            CaraDatabaseOptions.Configure(options, RequiredConnectionString(configuration, ApplicationConnection), sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Identity.MembershipCache>()));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContext());

        services.AddSingleton(sp => new OwnerDatabase(
            RequiredConnectionString(configuration, OwnerConnection),
            sp.GetRequiredService<IMultiTenantContextAccessor<CaraTenantInfo>>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<TenantDefinitionApplier>();
        services.AddSingleton<Identity.AuditTrail>();
        services.AddSingleton<TenantRunner>();
        services.AddSingleton<Identity.UserTenants>();
        services.AddSingleton<Identity.MembershipCache>();
        services.AddSingleton<Hosting.IDatabaseNotificationHandler>(sp => sp.GetRequiredService<Identity.MembershipCache>());
        services.AddHostedService<Hosting.DatabaseNotifications>();
        services.AddTenantEvents(configuration);
        services.AddMaterialStorage(configuration);
        return services;
    }

    private static string RequiredConnectionString(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"ConnectionStrings:{name} is not set. Set ConnectionStrings__{name}, or use ./build.sh run, which starts a development database.");
}
