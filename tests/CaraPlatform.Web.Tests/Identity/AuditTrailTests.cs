namespace CaraPlatform.Web.Tests.Identity;

public sealed class AuditTrailTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("UPDATE audit_events SET outcome = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    [InlineData("TRUNCATE audit_events")]
    public async Task The_application_role_can_neither_change_nor_delete_the_audit_trail(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    /// <summary>Row-level security is not what refuses the change: with its own tenant set, the role still may not touch its rows.</summary>
    [Theory]
    [InlineData("UPDATE audit_events SET outcome = 'rewritten'")]
    [InlineData("DELETE FROM audit_events")]
    public async Task The_application_role_can_neither_change_nor_delete_its_own_tenants_audit_rows(string sql)
    {
        var tenant = await fixture.Database.TenantAsync("hampshire");
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{tenant.TenantId}', false)", connection))
            await set.ExecuteNonQueryAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM audit_events", connection))
            Assert.NotEqual(0L, await count.ExecuteScalarAsync());
        await using var command = new NpgsqlCommand(sql, connection);
        var error = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task The_application_role_with_no_tenant_set_reads_no_audit_row()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.AppConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM audit_events", connection);
        Assert.Equal(0L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_failed_sign_in_is_recorded_with_who_and_from_where()
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.org";
        using var browser = UserTokens.Browser(fixture.Web);
        var response = await UserTokens.SignInAsync(browser, email, "wrong password here");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var rows = await OwnerRows($"SELECT action || '|' || outcome || '|' || coalesce(ip_address, '') FROM audit_events WHERE subject = '{email}'");
        var row = Assert.Single(rows);
        Assert.StartsWith("sign-in|failure|", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_success_and_token_issuance_are_recorded()
    {
        await UserTokens.AuthorizationCodeAsync(fixture.Web, "facilitator@west-yorkshire.demo");
        var signIns = await OwnerRows("SELECT outcome FROM audit_events WHERE action = 'sign-in' AND subject = 'facilitator@west-yorkshire.demo'");
        Assert.Contains("success", signIns);
        var tokens = await OwnerRows("SELECT count(*)::text FROM audit_events a JOIN users u ON u.id = a.actor_user_id WHERE a.action = 'token-issued' AND u.email = 'facilitator@west-yorkshire.demo'");
        Assert.NotEqual("0", Assert.Single(tokens));
    }

    private async Task<List<string>> OwnerRows(string sql)
    {
        await using var connection = new NpgsqlConnection(fixture.Database.SuperuserConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }
}
