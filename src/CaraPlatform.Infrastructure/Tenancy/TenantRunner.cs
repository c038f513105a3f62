using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CaraPlatform.Infrastructure.Tenancy;

/// <summary>A tenant whose work threw, and what it threw.</summary>
public sealed record TenantFailure(CaraTenantInfo Tenant, Exception Error);

/// <summary>What one pass over the tenants came to: each tenant's result, and the tenants whose work failed.</summary>
public sealed record TenantRun<T>(IReadOnlyList<(CaraTenantInfo Tenant, T Result)> Results, IReadOnlyList<TenantFailure> Failures);

/// <summary>
/// The one way to do work for every active tenant (background jobs, the dispatcher, the tenant picker). Each tenant's
/// work runs inside that tenant's explicit scope with a DI scope of its own, so every DbContext made there serves that
/// tenant alone (query filter and row-level security) and nothing carries over to the next tenant. A tenant whose
/// work throws is logged and reported, and the others still run: one broken tenant never stops a round.
/// </summary>
public sealed partial class TenantRunner(
    EfCoreTenantStore store, IMultiTenantContextSetter<CaraTenantInfo> scopes, IServiceScopeFactory services, ILogger<TenantRunner> logger)
{
    /// <param name="work">What the work is called, for the log.</param>
    /// <param name="perTenant">The work for one tenant, given the tenant and the services of its scope.</param>
    /// <param name="only">Which active tenants to run for (all when null).</param>
    /// <param name="cancellationToken">Ends the pass: cancellation is not a tenant's failure, it is thrown.</param>
    public async Task<TenantRun<T>> RunAsync<T>(
        string work, Func<CaraTenantInfo, IServiceProvider, CancellationToken, Task<T>> perTenant, Func<CaraTenantInfo, bool>? only = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(perTenant);
        // The store itself, not its 30-second cache: a pass acts on the tenant definitions as they are now.
        IReadOnlyList<CaraTenantInfo> tenants;
        using (scopes.BeginScope(null))
        {
            tenants = await store.GetAllAsync(cancellationToken);
        }

        var results = new List<(CaraTenantInfo, T)>();
        var failures = new List<TenantFailure>();
        foreach (var tenant in tenants.Where(t => only?.Invoke(t) ?? true))
        {
            using (scopes.BeginScope(tenant))
            {
                await using var scope = services.CreateAsyncScope();
                try
                {
                    results.Add((tenant, await perTenant(tenant, scope.ServiceProvider, cancellationToken)));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    LogTenantFailed(ex, work, tenant.Identifier);
                    failures.Add(new TenantFailure(tenant, ex));
                }
            }
        }

        return new TenantRun<T>(results, failures);
    }

    [LoggerMessage(LogLevel.Error, "{Work} failed for tenant {Tenant}; the other tenants' work goes on.")]
    private partial void LogTenantFailed(Exception exception, string work, string tenant);
}
