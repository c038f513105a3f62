using Microsoft.EntityFrameworkCore.Migrations;

namespace CaraPlatform.Infrastructure.Database;

/// <summary>
/// What a migration says for each new table. A tenant table gets row-level security (ENABLE and FORCE, so the
/// owner is held to it too) keyed on the session's <c>app.tenant_id</c>, and DML grants for the application role;
/// a global table gets only the grants it needs. The schema test fails for a tenant table left without them.
/// </summary>
public static class TenantIsolationMigrations
{
    public const string PolicyName = "tenant_isolation";

    private const string CurrentTenant = "NULLIF(current_setting('app.tenant_id', true), '')::uuid";

    public static void EnableTenantIsolation(this MigrationBuilder migration, string table)
    {
        migration.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY {PolicyName} ON {table}
                USING (tenant_id = {CurrentTenant})
                WITH CHECK (tenant_id = {CurrentTenant});
            GRANT SELECT, INSERT, UPDATE, DELETE ON {table} TO {DatabaseRoles.Application};
            """);
    }

    /// <summary>
    /// Row-level security for an append-only log with a nullable <c>tenant_id</c> (the audit trail): a tenant reads only
    /// its own rows and a row with no tenant is read by none. A row may be added for no tenant or the session's; with
    /// no tenant set, for any, since licence-holder staff act on a tenant from outside it (inviting its first admin).
    /// The application role may add and read rows, never change or delete them.
    /// </summary>
    public static void EnableAppendOnlyTenantLog(this MigrationBuilder migration, string table)
    {
        migration.Sql($"""
            ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
            ALTER TABLE {table} FORCE ROW LEVEL SECURITY;
            CREATE POLICY {PolicyName} ON {table} FOR SELECT
                USING (tenant_id = {CurrentTenant});
            CREATE POLICY {PolicyName}_append ON {table} FOR INSERT
                WITH CHECK (tenant_id IS NULL OR {CurrentTenant} IS NULL OR tenant_id = {CurrentTenant});
            REVOKE UPDATE, DELETE, TRUNCATE ON {table} FROM {DatabaseRoles.Application};
            GRANT SELECT, INSERT ON {table} TO {DatabaseRoles.Application};
            """);
    }

    public static void DisableAppendOnlyTenantLog(this MigrationBuilder migration, string table)
    {
        migration.Sql($"""
            DROP POLICY IF EXISTS {PolicyName}_append ON {table};
            REVOKE SELECT ON {table} FROM {DatabaseRoles.Application};
            """);
        migration.DisableTenantIsolation(table);
    }

    public static void DisableTenantIsolation(this MigrationBuilder migration, string table)
    {
        migration.Sql($"""
            DROP POLICY IF EXISTS {PolicyName} ON {table};
            ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY;
            ALTER TABLE {table} DISABLE ROW LEVEL SECURITY;
            """);
    }

    /// <summary>
    /// The national read model's schema: outside row-level security (it is read across tenants), its tables open to the
    /// application role, today's and those later migrations add to it.
    /// </summary>
    public static void GrantNationalSchema(this MigrationBuilder migration, string schema)
    {
        migration.Sql($"""
            GRANT USAGE ON SCHEMA {schema} TO {DatabaseRoles.Application};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {DatabaseRoles.Application};
            ALTER DEFAULT PRIVILEGES IN SCHEMA {schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {DatabaseRoles.Application};
            """);
    }

    public static void GrantToApplication(this MigrationBuilder migration, string table, string privileges) =>
        migration.Sql($"GRANT {privileges} ON {table} TO {DatabaseRoles.Application};");
}
