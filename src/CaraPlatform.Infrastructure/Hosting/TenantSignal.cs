using System.Collections.Concurrent;

namespace CaraPlatform.Infrastructure.Hosting;

/// <summary>
/// Which tenants a polling service should visit next, told by the database: a trigger notifies <see cref="Channel"/>
/// with the tenant's id when a row the service works on is written, so that a round visits only those tenants instead
/// of every tenant every second (at a thousand tenants the empty visits were most of an idle host's work). Every
/// <see cref="SweepInterval"/>, and whenever listening (re)starts, a round visits every tenant: for work that falls due
/// with time (a retry's backoff) and for any notification missed meanwhile.
/// </summary>
public abstract class TenantSignal(TimeProvider clock) : IDatabaseNotificationHandler
{
    private readonly ConcurrentDictionary<Guid, byte> _told = new();
    // UTC ticks of the next sweep; 0: at the next round.
    private long _nextSweep;

    public abstract string Channel { get; }

    protected abstract TimeSpan SweepInterval { get; }

    /// <summary>
    /// The tenants for the next round, forgetting them: every tenant when a sweep is due, those told of since the last
    /// round otherwise, or null when there is nothing to do.
    /// </summary>
    public Func<CaraTenantInfo, bool>? TakeRound()
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (now >= Interlocked.Read(ref _nextSweep))
        {
            Interlocked.Exchange(ref _nextSweep, now + SweepInterval.Ticks);
            _told.Clear();
            return _ => true;
        }

        if (_told.IsEmpty) return null;
        var tenants = _told.Keys.ToHashSet();
        foreach (var tenant in tenants) _told.TryRemove(tenant, out _);
        return t => tenants.Contains(t.TenantId);
    }

    /// <summary>The next round visits every tenant (a round that found more than it could do).</summary>
    public void SweepNext() => Interlocked.Exchange(ref _nextSweep, 0);

    void IDatabaseNotificationHandler.Notified(string payload)
    {
        if (Guid.TryParse(payload, out var tenant)) _told[tenant] = 0;
    }

    Task IDatabaseNotificationHandler.CatchUpAsync(bool listeningStarted, CancellationToken cancellationToken)
    {
        // What was written while nobody listened was not told: sweep at the next round.
        if (listeningStarted) SweepNext();
        return Task.CompletedTask;
    }
}
