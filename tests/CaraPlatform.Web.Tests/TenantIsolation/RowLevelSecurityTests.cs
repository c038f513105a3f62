namespace CaraPlatform.Web.Tests.TenantIsolation;

/// <summary>The third wall: PostgreSQL itself, as the application role, without EF Core's filter in the way.</summary>
public sealed class RowLevelSecurityTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private PostgresFixture Db => fixture.Database;

    [Fact]
    public async Task The_application_role_is_neither_superuser_nor_owner_and_cannot_bypass_RLS()
    {
        await using var connection = await OpenAppConnection();
        await using var command = new NpgsqlCommand(
            "SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user", connection);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.False(reader.GetBoolean(0), "superuser");
            Assert.False(reader.GetBoolean(1), "bypassrls");
        }

        foreach (var table in await SchemaCatalog.TenantTablesAsync(Db))
        {
            var owner = await Scalar<string>(connection, $"SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = '{table}'");
            Assert.NotEqual(await Scalar<string>(connection, "SELECT current_user"), owner);
        }
    }

    [Fact]
    public async Task With_no_tenant_set_every_tenant_table_returns_no_rows()
    {
        var tables = await SchemaCatalog.TenantTablesAsync(Db);
        Assert.NotEmpty(tables);
        await using var connection = await OpenAppConnection();
        foreach (var table in tables)
        {
            Assert.Equal(0L, await Scalar<long>(connection, $"SELECT count(*) FROM {table}"));
            await SetTenant(connection, "");
            Assert.Equal(0L, await Scalar<long>(connection, $"SELECT count(*) FROM {table}"));
        }
    }

    [Fact]
    public async Task With_tenant_A_set_only_As_rows_are_visible()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        await using var connection = await OpenAppConnection(hampshire.Id);
        foreach (var table in await SchemaCatalog.TenantTablesAsync(Db))
        {
            var others = await Scalar<long>(connection, $"SELECT count(*) FROM {table} WHERE tenant_id <> '{hampshire.Id}'");
            Assert.Equal(0L, others);
        }

        Assert.True(await Scalar<long>(connection, "SELECT count(*) FROM venues") > 0, "hampshire's seeded venues are visible");
    }

    [Fact]
    public async Task An_insert_with_another_tenants_id_is_rejected_by_the_policy()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        await using var connection = await OpenAppConnection(hampshire.Id);
        var insert = $"""
            INSERT INTO venues (tenant_id, id, code, name, address_line1, town, postcode, capacity, step_free_access, is_active, created_at, updated_at)
            VALUES ('{westYorkshire.Id}', '{Guid.CreateVersion7()}', 'sneaky', 'Sneaky Hall', '1 Road', 'Leeds', 'LS1 4AP', 12, true, true, now(), now())
            """;
        var error = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, insert));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
        Assert.Contains("row-level security", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_cannot_move_a_row_to_another_tenant()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        await using var connection = await OpenAppConnection(hampshire.Id);
        var error = await Assert.ThrowsAsync<PostgresException>(() =>
            Execute(connection, $"UPDATE venues SET tenant_id = '{westYorkshire.Id}'"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task A_pooled_connection_used_for_tenant_A_then_tenant_B_shows_B_nothing_of_A()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        // One physical connection, so that B's context is certain to get the connection A's context used.
        var singleConnection = new NpgsqlConnectionStringBuilder(Db.AppConnectionString) { MaxPoolSize = 1, ApplicationName = "pool-test" }.ConnectionString;
        await using var services = Db.ServicesFor(singleConnection);

        int pidA, pidB;
        await using (var a = Db.AppContext(hampshire, services))
        {
            Assert.NotEmpty(await a.Venues.ToListAsync());
            pidA = await BackendPid(a);
        }

        await using (var b = Db.AppContext(westYorkshire, services))
        {
            // Without EF Core's filter, only row-level security stands between B and A's rows.
            var leaked = await b.Venues.IgnoreQueryFilters().Where(v => v.TenantId == hampshire.TenantId).CountAsync();
            Assert.Equal(0, leaked);
            Assert.All(await b.Venues.IgnoreQueryFilters().ToListAsync(), v => Assert.Equal(westYorkshire.TenantId, v.TenantId));
            pidB = await BackendPid(b);
        }

        Assert.Equal(pidA, pidB);

        await using (var none = Db.AppContext(null, services))
        {
            Assert.Equal(0, await none.Venues.IgnoreQueryFilters().CountAsync());
        }
    }

    private static async Task<int> BackendPid(CaraDbContext db) =>
        await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();

    /// <summary>A connection as the application role, with <paramref name="tenantId"/> as the current tenant when given.</summary>
    private async Task<NpgsqlConnection> OpenAppConnection(string? tenantId = null)
    {
        var connection = new NpgsqlConnection(Db.AppConnectionString);
        await connection.OpenAsync();
        if (tenantId is not null) await SetTenant(connection, tenantId);
        return connection;
    }

    private static Task SetTenant(NpgsqlConnection connection, string tenantId) =>
        Execute(connection, $"SELECT set_config('app.tenant_id', '{tenantId}', false)");

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> Scalar<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
