using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using CaraPlatform.Domain.Access;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaraPlatform.Infrastructure.Identity;

/// <summary>A person's roles in a tenant, and the forces they serve there (a ForceSpoc's).</summary>
public sealed record MemberFacts(IReadOnlyList<TenantRole> Roles, IReadOnlyList<string> ForceCodes);

/// <summary>
/// A person's roles per tenant, kept in memory because every portal page and person's API call asks (a database read
/// each time was a large part of a request's cost). A change must still count from the very next request: this host
/// forgets a membership when it saves one (<see cref="Changes"/>), and every host forgets it when the database's
/// trigger on <c>memberships</c> notifies <see cref="Channel"/> at commit. Everything is forgotten when listening
/// (re)starts and every <see cref="DatabaseNotifications.CatchUpInterval"/>, so a lost notification lives that long at most.
/// </summary>
public sealed class MembershipCache : IDatabaseNotificationHandler
{
    public const string Channel = "cara_memberships";

    // A person in a few tenants is a few hundred bytes; past this, something is wrong and memory matters more.
    private const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<(Guid Tenant, Guid User), MemberFacts?> _roles = new();

    // Bumped by every forgetting: a read that began before it must not store what it read.
    private long _generation;

    public long Count => _roles.Count;

    /// <summary>What <paramref name="userId"/> is in <paramref name="tenantId"/> (null: not a member), read once.</summary>
    public async Task<MemberFacts?> GetOrReadAsync(
        Guid tenantId, Guid userId, Func<CancellationToken, Task<MemberFacts?>> read, CancellationToken cancellationToken)
    {
        if (_roles.TryGetValue((tenantId, userId), out var cached)) return cached;
        var generation = Interlocked.Read(ref _generation);
        var roles = await read(cancellationToken);
        if (Interlocked.Read(ref _generation) == generation && _roles.Count < MaxEntries) _roles[(tenantId, userId)] = roles;
        return roles;
    }

    public void Forget(Guid tenantId, Guid userId)
    {
        Interlocked.Increment(ref _generation);
        _roles.TryRemove((tenantId, userId), out _);
    }

    public void ForgetAll()
    {
        Interlocked.Increment(ref _generation);
        _roles.Clear();
    }

    string IDatabaseNotificationHandler.Channel => Channel;

    /// <summary>The trigger's payload: "{tenant_id}:{user_id}".</summary>
    void IDatabaseNotificationHandler.Notified(string payload)
    {
        var parts = payload.Split(':');
        if (parts.Length == 2 && Guid.TryParse(parts[0], out var tenant) && Guid.TryParse(parts[1], out var user)) Forget(tenant, user);
        else ForgetAll();
    }

    Task IDatabaseNotificationHandler.CatchUpAsync(bool listeningStarted, CancellationToken cancellationToken)
    {
        ForgetAll();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Forgets the memberships a context saves, on this host, before and after the save: a read between the two must
    /// not keep the old roles (the trigger's notification, at commit, covers an enclosing transaction).
    /// </summary>
    public sealed class Changes(MembershipCache cache) : SaveChangesInterceptor
    {
        private readonly ConditionalWeakTable<DbContext, List<(Guid Tenant, Guid User)>> _saving = [];

        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Before(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Before(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
        {
            After(eventData.Context);
            return result;
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return ValueTask.FromResult(result);
        }

        public override void SaveChangesFailed(DbContextErrorEventData eventData) => After(eventData.Context);

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            After(eventData.Context);
            return Task.CompletedTask;
        }

        private void Before(DbContext? db)
        {
            if (db is null) return;
            var changed = db.ChangeTracker.Entries<Membership>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                .Select(e => (e.Entity.TenantId, e.Entity.UserId))
                .ToList();
            if (changed.Count == 0) return;
            foreach (var (tenant, user) in changed) cache.Forget(tenant, user);
            _saving.AddOrUpdate(db, changed);
        }

        private void After(DbContext? db)
        {
            if (db is null || !_saving.TryGetValue(db, out var changed)) return;
            _saving.Remove(db);
            foreach (var (tenant, user) in changed) cache.Forget(tenant, user);
        }
    }
}
