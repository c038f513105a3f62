using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// Sets <c>app.tenant_id</c> on every connection open, from the context's tenant, so that PostgreSQL's row-level
/// security sees the same tenant as EF Core's filter. An empty value means "no tenant": the policies then match
/// no row. Setting it on every open (not once per physical connection) is what keeps pooled connections from
/// carrying one tenant's setting into another's use.
/// </summary>
public sealed class TenantSessionInterceptor : DbConnectionInterceptor
{
    public const string SettingName = "app.tenant_id";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection, eventData);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection, eventData);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(DbConnection connection, ConnectionEndEventData eventData)
    {
        var tenant = (eventData.Context as CaraDbContext)?.CurrentTenantId;
        var command = new NpgsqlCommand($"SELECT set_config('{SettingName}', $1, false)", (NpgsqlConnection)connection);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant?.ToString("D", CultureInfo.InvariantCulture) ?? string.Empty });
        return command;
    }
}
