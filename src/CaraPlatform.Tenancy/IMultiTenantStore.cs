using Microsoft.Extensions.Caching.Memory;

namespace CaraPlatform.Tenancy;

/// <summary>
/// Where tenants are read from, as Finbuckle's <c>IMultiTenantStore&lt;T&gt;</c>. Only tenants that may be served
/// are returned: a suspended tenant is not found. Writes go through the tenant-definition loader, not the store.
/// </summary>
public interface IMultiTenantStore<TTenantInfo>
    where TTenantInfo : class, ITenantInfo
{
    Task<TTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    Task<TTenantInfo?> TryGetAsync(string id, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TTenantInfo>> GetAllAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a store whose cached entries can be dropped after tenant definitions change.</summary>
public interface IInvalidatableStore
{
    void Invalidate();
}

/// <summary>
/// Caches another store's answers for a short time: every tenant-scoped request resolves its tenant, and the
/// definitions change only on deployment. Other instances pick up a change when their entries expire.
/// </summary>
public sealed class CachedMultiTenantStore<TTenantInfo>(
    IMultiTenantStore<TTenantInfo> inner, IMemoryCache cache, TimeSpan timeToLive)
    : IMultiTenantStore<TTenantInfo>, IInvalidatableStore, IDisposable
    where TTenantInfo : class, ITenantInfo
{
    private CancellationTokenSource _generation = new();

    public Task<TTenantInfo?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        GetOrLoad($"identifier:{identifier}", () => inner.TryGetByIdentifierAsync(identifier, cancellationToken));

    public Task<TTenantInfo?> TryGetAsync(string id, CancellationToken cancellationToken = default) =>
        GetOrLoad($"id:{id}", () => inner.TryGetAsync(id, cancellationToken));

    public Task<IReadOnlyList<TTenantInfo>> GetAllAsync(CancellationToken cancellationToken = default) =>
        GetOrLoad("all", () => inner.GetAllAsync(cancellationToken));

    public void Invalidate()
    {
        var old = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        old.Cancel();
        old.Dispose();
    }

    public void Dispose() => _generation.Dispose();

    private async Task<T> GetOrLoad<T>(string key, Func<Task<T>> load)
    {
        var cacheKey = (typeof(TTenantInfo), key);
        if (cache.TryGetValue(cacheKey, out T? cached)) return cached!;
        var value = await load();
        using var entry = cache.CreateEntry(cacheKey);
        entry.Value = value;
        // Unknown identifiers are cached briefly too, so that probing for tenants cannot hammer the database.
        entry.AbsoluteExpirationRelativeToNow = timeToLive;
        entry.AddExpirationToken(new Microsoft.Extensions.Primitives.CancellationChangeToken(_generation.Token));
        return value;
    }
}
