using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection open, from the context's tenant, so that PostgreSQL's row-level
/// security sees the same tenant as EF Core's filter. An empty value means "no tenant": the policies then match no
/// row. Setting it on every open (not once per physical connection) is what keeps pooled connections from carrying one
/// tenant's setting into another's use.
/// <para>
/// The setting travels with the first command after the open: ahead of a query, as a <c>SET</c> statement in the same
/// round trip (a command of its own cost every read a second round trip; <c>SET</c> returns no rows, so the query's
/// results are its own), and likewise ahead of a command run for its row count (an insert with nothing to read back,
/// ExecuteUpdate, raw SQL). Ahead of SaveChanges' readers (rows read back, concurrency checks) it is sent on its own
/// first, since EF Core reads those results statement by statement. Every command of the platform goes through EF
/// Core, so none runs before the setting.
/// </para>
/// </summary>
public sealed class TenantSessionInterceptor : DbConnectionInterceptor, IDbCommandInterceptor
{
    public const string SettingName = "app.tenant_id";

    // Opened connections whose first command has yet to carry the setting.
    private readonly ConditionalWeakTable<DbConnection, string> _pending = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        _pending.AddOrUpdate(connection, Statement(eventData.Context));

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ConnectionOpened(connection, eventData);
        return Task.CompletedTask;
    }

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        SetTenant(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        await SetTenantAsync(command, eventData, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        SetTenant(command, eventData);
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        await SetTenantAsync(command, eventData, cancellationToken);
        return result;
    }

    private void SetTenant(DbCommand command, CommandEventData eventData)
    {
        if (Separate(command, eventData) is { } set)
        {
            using (set) set.ExecuteNonQuery();
        }
    }

    private async Task SetTenantAsync(DbCommand command, CommandEventData eventData, CancellationToken cancellationToken)
    {
        if (Separate(command, eventData) is { } set)
        {
            await using (set) await set.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    // A command run for its count of rows: SET counts none, so it may ride ahead of it (a view's audit row, an ExecuteUpdate).
    private void Prefix(DbCommand command)
    {
        if (command.Connection is not { } connection || !_pending.TryGetValue(connection, out var statement)) return;
        _pending.Remove(connection);
        command.CommandText = statement + command.CommandText;
    }

    /// <summary>Puts the pending setting ahead of a query; for any other reader, returns it as a command of its own.</summary>
    private DbCommand? Separate(DbCommand command, CommandEventData eventData)
    {
        if (command.Connection is not { } connection || !_pending.TryGetValue(connection, out var statement)) return null;
        _pending.Remove(connection);
        if (eventData.CommandSource is CommandSource.LinqQuery or CommandSource.FromSqlQuery)
        {
            command.CommandText = statement + command.CommandText;
            return null;
        }

        var set = connection.CreateCommand();
        set.CommandText = statement;
        set.Transaction = command.Transaction;
        return set;
    }

    // A Guid formatted here, or nothing: no caller's text reaches the statement.
    private static string Statement(DbContext? context) =>
        $"SET {SettingName} = '{(context as CaraDbContext)?.CurrentTenantId?.ToString("D", CultureInfo.InvariantCulture)}';\n";
}
