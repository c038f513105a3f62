using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaraPlatform.Infrastructure.Hosting;

public static class HostedSingleton
{
    /// <summary>
    /// A background service that can also be resolved (e.g. to run one round now): the host runs the same instance
    /// others get, not a second one.
    /// </summary>
    public static IServiceCollection AddHostedSingleton<TService>(this IServiceCollection services)
        where TService : class, IHostedService =>
        services.AddSingleton<TService>().AddHostedService(sp => sp.GetRequiredService<TService>());
}
