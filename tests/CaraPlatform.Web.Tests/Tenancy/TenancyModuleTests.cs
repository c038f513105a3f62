using Microsoft.Extensions.Caching.Memory;

namespace CaraPlatform.Web.Tests.Tenancy;

/// <summary>The tenancy module on its own: no database, no host.</summary>
public sealed class TenancyModuleTests
{
    private sealed record TestTenant(string Id, string Identifier, string Name) : ITenantInfo;

    private sealed class GroupOptions
    {
        public int Capacity { get; set; }
    }

    private static readonly TestTenant A = new("a-id", "alpha", "Alpha");
    private static readonly TestTenant B = new("b-id", "beta", "Beta");

    private static ServiceProvider Services() =>
        new ServiceCollection()
            .AddMultiTenant<TestTenant>().Services
            .ConfigurePerTenant<GroupOptions, TestTenant>((o, t) => o.Capacity = t == A ? 12 : 10)
            .BuildServiceProvider();

    [Fact]
    public async Task Scopes_nest_and_restore_the_previous_tenant_across_awaits()
    {
        using var services = Services();
        var setter = services.GetRequiredService<IMultiTenantContextSetter<TestTenant>>();
        var accessor = services.GetRequiredService<IMultiTenantContextAccessor<TestTenant>>();

        Assert.False(accessor.MultiTenantContext.IsResolved);
        using (setter.BeginScope(A))
        {
            await Task.Yield();
            Assert.Equal(A, accessor.MultiTenantContext.TenantInfo);
            using (setter.BeginScope(B))
            {
                await Task.Delay(1);
                Assert.Equal(B, accessor.MultiTenantContext.TenantInfo);
            }

            Assert.Equal(A, accessor.MultiTenantContext.TenantInfo);
        }

        Assert.Null(accessor.MultiTenantContext.TenantInfo);
    }

    [Fact]
    public async Task A_scope_in_one_flow_does_not_leak_into_a_parallel_flow()
    {
        using var services = Services();
        var setter = services.GetRequiredService<IMultiTenantContextSetter<TestTenant>>();
        var accessor = services.GetRequiredService<IMultiTenantContextAccessor<TestTenant>>();
        var seen = await Task.WhenAll(
            Task.Run(async () => { using (setter.BeginScope(A)) { await Task.Delay(20); return accessor.MultiTenantContext.TenantInfo; } }),
            Task.Run(async () => { using (setter.BeginScope(B)) { await Task.Delay(20); return accessor.MultiTenantContext.TenantInfo; } }),
            Task.Run(async () => { await Task.Delay(10); return accessor.MultiTenantContext.TenantInfo; }));
        Assert.Equal(new TestTenant?[] { A, B, null }, seen.AsEnumerable());
    }

    [Fact]
    public void Per_tenant_options_answer_for_the_current_tenant_through_every_options_interface()
    {
        using var services = Services();
        var setter = services.GetRequiredService<IMultiTenantContextSetter<TestTenant>>();
        foreach (var (tenant, expected) in new[] { (A, 12), (B, 10), (A, 12) })
        {
            using var scope = setter.BeginScope(tenant);
            using var di = services.CreateScope();
            Assert.Equal(expected, di.ServiceProvider.GetRequiredService<IOptions<GroupOptions>>().Value.Capacity);
            Assert.Equal(expected, di.ServiceProvider.GetRequiredService<IOptionsSnapshot<GroupOptions>>().Value.Capacity);
            Assert.Equal(expected, di.ServiceProvider.GetRequiredService<IOptionsMonitor<GroupOptions>>().CurrentValue.Capacity);
        }
    }

    [Theory]
    [InlineData("{tenant}.cara.example.org", "hampshire.cara.example.org", "hampshire")]
    [InlineData("{tenant}.cara.example.org", "HAMPSHIRE.cara.example.org", "hampshire")]
    [InlineData("{tenant}.cara.example.org", "cara.example.org", null)]
    [InlineData("{tenant}.cara.example.org", "evil.example.com", null)]
    [InlineData("{tenant}.cara.example.org", "a.b.cara.example.org", null)]
    [InlineData("cara-{tenant}.example.org", "cara-dorset.example.org", "dorset")]
    public async Task The_host_strategy_reads_the_tenant_from_the_host_template(string template, string host, string? expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Host = new HostString(host);
        Assert.Equal(expected, await new HostStrategy(template).GetIdentifierAsync(context));
    }

    [Fact]
    public void A_host_template_without_the_tenant_placeholder_is_refused() =>
        Assert.Throws<ArgumentException>(() => new HostStrategy("cara.example.org"));

    [Fact]
    public async Task The_cached_store_asks_the_inner_store_once_until_invalidated()
    {
        var inner = new CountingStore();
        using var cache = new MemoryCache(new MemoryCacheOptions());
        using var store = new CachedMultiTenantStore<TestTenant>(inner, cache, TimeSpan.FromMinutes(1));

        Assert.Equal(A, await store.TryGetByIdentifierAsync("alpha"));
        Assert.Equal(A, await store.TryGetByIdentifierAsync("alpha"));
        Assert.Null(await store.TryGetByIdentifierAsync("nobody"));
        Assert.Null(await store.TryGetByIdentifierAsync("nobody"));
        Assert.Equal(2, inner.Calls);

        store.Invalidate();
        Assert.Equal(A, await store.TryGetByIdentifierAsync("alpha"));
        Assert.Equal(3, inner.Calls);
    }

    private sealed class CountingStore : IMultiTenantStore<TestTenant>
    {
        public int Calls { get; private set; }

        public Task<TestTenant?> TryGetByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
        {
            Calls++;
            return Task.FromResult(new[] { A, B }.FirstOrDefault(t => t.Identifier == identifier));
        }

        public Task<TestTenant?> TryGetAsync(string id, CancellationToken cancellationToken = default) =>
            Task.FromResult(new[] { A, B }.FirstOrDefault(t => t.Id == id));

        public Task<IReadOnlyList<TestTenant>> GetAllAsync(CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<TestTenant>>([A, B]);
    }
}
