namespace CaraPlatform.Tenancy;

/// <summary>The tenant of the current request or explicit scope, as Finbuckle's <c>IMultiTenantContext&lt;T&gt;</c>.</summary>
public sealed record MultiTenantContext<TTenantInfo>(TTenantInfo? TenantInfo, string? StrategyName = null)
    where TTenantInfo : class, ITenantInfo
{
    public static readonly MultiTenantContext<TTenantInfo> Empty = new(TenantInfo: null);

    public bool IsResolved => TenantInfo is not null;
}

/// <summary>Reads the current tenant. Feature code gets this; only the platform gets the setter.</summary>
public interface IMultiTenantContextAccessor<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    MultiTenantContext<TTenantInfo> MultiTenantContext { get; }
}

/// <summary>
/// Sets the current tenant: the resolution middleware for requests, explicit scopes for background work.
/// Kept apart from the accessor so that reading code cannot switch tenants.
/// </summary>
public interface IMultiTenantContextSetter<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    /// <summary>
    /// Makes <paramref name="tenantInfo"/> current until the returned scope is disposed, then restores the
    /// previous tenant. Scopes nest. Call it from the method that awaits the work, not from an async helper:
    /// an AsyncLocal set inside an awaited async method does not flow back to its caller.
    /// </summary>
    IDisposable BeginScope(TTenantInfo? tenantInfo, string? strategyName = null);
}

internal sealed class AsyncLocalMultiTenantContextAccessor<TTenantInfo>
    : IMultiTenantContextAccessor<TTenantInfo>, IMultiTenantContextSetter<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    private static readonly AsyncLocal<MultiTenantContext<TTenantInfo>?> Current = new();

    public MultiTenantContext<TTenantInfo> MultiTenantContext => Current.Value ?? MultiTenantContext<TTenantInfo>.Empty;

    public IDisposable BeginScope(TTenantInfo? tenantInfo, string? strategyName = null)
    {
        var previous = Current.Value;
        Current.Value = new MultiTenantContext<TTenantInfo>(tenantInfo, strategyName);
        return new Restore(previous);
    }

    private sealed class Restore(MultiTenantContext<TTenantInfo>? previous) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Current.Value = previous;
        }
    }
}
