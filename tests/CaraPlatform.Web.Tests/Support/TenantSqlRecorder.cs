using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>A command that touched a tenant table without naming its tenant: what it was, where it came from, what is wrong.</summary>
public sealed record TenantSqlViolation(string Sql, IReadOnlyList<string> Problems, string Source, string CalledFrom)
{
    public override string ToString() => $"{string.Join("; ", Problems)}\n  from {CalledFrom} ({Source})\n  {Sql.ReplaceLineEndings("\n  ")}";
}

/// <summary>
/// Runs <see cref="TenantSqlCheck"/> on every command the test hosts send through EF Core (requests, DbContextFactory
/// contexts, background jobs, the tenant runner), and records what fails rather than throwing: a background job swallows
/// exceptions, and a throw would change what the app does next (a relay's failed consumer, a dispatcher's retry),
/// which would fail other tests for the wrong reason. TenantIsolation/TenantSqlTests asserts over the record, and
/// <see cref="CaraPlatformFixture"/> does so once more over the whole collection when it ends.
/// <para>
/// One instance for the test process: every <see cref="CaraWebFactory"/> registers it, and so every host derived from
/// one (WithWebHostBuilder). Contexts of <see cref="OwnerDatabase"/> (migrations and tenant files, as the owner role) and
/// the tests' own contexts on <see cref="PostgresFixture.Services"/> are built without it: they are not the app's queries.
/// Nor are commands sent past EF Core (Npgsql directly: the token revocations' LISTEN, the session setting's own
/// command), which touch no tenant table.
/// </para>
/// </summary>
public sealed partial class TenantSqlRecorder : DbCommandInterceptor
{
    public static TenantSqlRecorder Instance { get; } = new();

    /// <summary>
    /// Statements allowed to touch a tenant table without naming the tenant, each with the reason, matched by a fragment
    /// of their text. None is needed today. What is not here because it is not a tenant table to begin with: the national
    /// read model (schema national, cross-tenant by design and pseudonymised), identity, OpenIddict and data-protection
    /// tables, and entities marked [GlobalEntity] (tenants, licences, the audit trail, outgoing mail, training records).
    /// The tenant runner's work is not exempt either: it runs in one tenant's scope at a time, so its commands name it.
    /// </summary>
    public static readonly IReadOnlyList<(string Fragment, string Reason)> Exemptions = [];

    private readonly ConcurrentQueue<TenantSqlViolation> _violations = new();
    // Each distinct statement is checked once: the hosts send the same few hundred statements many thousand times.
    private readonly ConcurrentDictionary<string, TenantSqlResult> _statements = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Watch, byte> _watches = new();
    private readonly AsyncLocal<Watch?> _expected = new();
    private readonly ConcurrentDictionary<IModel, IReadOnlySet<string>> _tenantTables = new();

    /// <summary>Violations of every app command so far (none the tests asked for with <see cref="ExpectViolations"/>).</summary>
    public IReadOnlyList<TenantSqlViolation> Violations => [.. _violations];

    /// <summary>How many distinct statements (the session setting's prefix aside) the hosts have sent so far.</summary>
    public int DistinctStatements => _statements.Count;

    /// <summary>Everything the hosts send from now until disposed, whichever request or job sends it.</summary>
    public Watch StartWatching()
    {
        var watch = new Watch(w => _watches.TryRemove(w, out _));
        _watches[watch] = 0;
        return watch;
    }

    /// <summary>
    /// Commands sent in this async flow until disposed are checked into the watch alone: a test that breaks the rule
    /// on purpose sees the checker catch it, and leaves the record clean.
    /// </summary>
    public Watch ExpectViolations()
    {
        var watch = new Watch(_ => _expected.Value = null);
        _expected.Value = watch;
        return watch;
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command, eventData);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command, eventData);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not { } context) return;
        var tenantTables = _tenantTables.GetOrAdd(context.Model, TenantTables);
        // TenantSessionInterceptor puts the session setting ahead of some queries: the checker skips it, and so should the count.
        var sql = SessionSetting().Replace(command.CommandText, "");
        var result = _statements.GetOrAdd(sql, s => TenantSqlCheck.Check(s, tenantTables));
        var expected = _expected.Value;
        var violation = result.Passes || (expected is null && Exemptions.Any(e => sql.Contains(e.Fragment, StringComparison.Ordinal)))
            ? null
            : new TenantSqlViolation(sql, result.Problems, eventData.CommandSource.ToString(), CalledFrom());
        foreach (var watch in _watches.Keys.Append(expected).OfType<Watch>()) watch.Add(sql, result, violation);
        if (violation is not null && expected is null) _violations.Enqueue(violation);
    }

    /// <summary>The public-schema tables of the model's tenant-owned entities (ITenantOwned and not [GlobalEntity]).</summary>
    public static IReadOnlySet<string> TenantTables(IModel model) =>
        model.GetEntityTypes()
            .Where(e => typeof(ITenantOwned).IsAssignableFrom(e.ClrType) && e.ClrType.GetCustomAttributes(typeof(GlobalEntityAttribute), false).Length == 0)
            .Where(e => e.GetSchema() is null or "public")
            .Select(e => e.GetTableName()!)
            .ToHashSet(StringComparer.Ordinal);

    public static string Report(string when, IReadOnlyList<TenantSqlViolation> violations) =>
        $"{violations.Count} command(s) touched a tenant table without naming the tenant {when}:\n\n"
        + string.Join("\n\n", violations.Select(v => v.ToString()).Distinct());

    /// <summary>
    /// The app's methods on the stack, nearest first. Past an await that yielded, the frames below the nearest are
    /// whatever resumed it rather than its caller, and the caller may be missing.
    /// </summary>
    private static string CalledFrom()
    {
        var frames = new StackTrace().GetFrames()
            .Select(f => f.GetMethod())
            .Where(m => m?.DeclaringType?.Assembly.GetName().Name?.StartsWith("CaraPlatform", StringComparison.Ordinal) == true
                && m.DeclaringType != typeof(TenantSqlRecorder))
            .Select(m => StateMachineOwner().Replace($"{m!.DeclaringType!.FullName}.{m.Name}", "$1.$2"))
            .Distinct()
            .Take(4)
            .ToList();
        return frames.Count > 0 ? string.Join(" <- ", frames) : "(no app method on the stack)";
    }

    [GeneratedRegex(@"^SET app\.tenant_id = '[^']*';\n")]
    private static partial Regex SessionSetting();

    // Namespace.Type+<Method>d__12.MoveNext -> Namespace.Type.Method
    [GeneratedRegex(@"^(.*?)\+<([^>]+)>.*$")]
    private static partial Regex StateMachineOwner();

    /// <summary>The commands seen while it is open: distinct statements, the tenant tables they touched, and the violations.</summary>
    public sealed class Watch(Action<Watch> close) : IDisposable
    {
        private readonly ConcurrentDictionary<string, byte> _statements = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<string, byte> _tables = new(StringComparer.Ordinal);
        private readonly ConcurrentQueue<TenantSqlViolation> _violations = new();

        public IReadOnlyCollection<string> Statements => [.. _statements.Keys];

        public IReadOnlySet<string> TenantTables => _tables.Keys.ToHashSet(StringComparer.Ordinal);

        public IReadOnlyList<TenantSqlViolation> Violations => [.. _violations];

        internal void Add(string sql, TenantSqlResult result, TenantSqlViolation? violation)
        {
            _statements.TryAdd(sql, 0);
            foreach (var table in result.TenantTables) _tables.TryAdd(table, 0);
            if (violation is not null) _violations.Enqueue(violation);
        }

        public void Dispose() => close(this);
    }
}
