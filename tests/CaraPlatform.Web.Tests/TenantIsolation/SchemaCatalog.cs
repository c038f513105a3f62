namespace CaraPlatform.Web.Tests.TenantIsolation;

/// <summary>What the database's catalog says about the tables, for the isolation tests.</summary>
public static class SchemaCatalog
{
    /// <summary>Tables that EF Core maps from entities marked [GlobalEntity], plus EF Core's own history table.</summary>
    public static IReadOnlySet<string> GlobalTables(PostgresFixture db)
    {
        using var context = db.AppContext(null);
        var global = context.Model.GetEntityTypes()
            .Where(e => e.ClrType.GetCustomAttributes(typeof(GlobalEntityAttribute), false).Length > 0 || !typeof(ITenantOwned).IsAssignableFrom(e.ClrType))
            .Select(e => e.GetTableName()!)
            .ToHashSet();
        global.Add("__EFMigrationsHistory");
        return global;
    }

    public static async Task<IReadOnlyList<string>> AllTablesAsync(PostgresFixture db) =>
        await Strings(db, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");

    public static async Task<IReadOnlyList<string>> TenantTablesAsync(PostgresFixture db)
    {
        var global = GlobalTables(db);
        return [.. (await AllTablesAsync(db)).Where(t => !global.Contains(t))];
    }

    public static async Task<List<string>> Strings(PostgresFixture db, string sql)
    {
        await using var connection = new NpgsqlConnection(db.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync()) values.Add(reader.GetString(0));
        return values;
    }
}
