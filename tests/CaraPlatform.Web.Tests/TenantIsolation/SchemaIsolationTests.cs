
namespace CaraPlatform.Web.Tests.TenantIsolation;

/// <summary>
/// Fails for any table not marked global that lacks what isolation and Citus distribution need: ENABLE and FORCE
/// row-level security, a tenant policy on app.tenant_id, tenant_id leading the primary key, and tenant_id in
/// every foreign key and unique index.
/// </summary>
public sealed class SchemaIsolationTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private PostgresFixture Db => fixture.Database;

    [Fact]
    public async Task Every_tenant_table_has_enabled_and_forced_row_level_security()
    {
        var unprotected = await SchemaCatalog.Strings(Db, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
            """);
        Assert.Empty(unprotected.Intersect(await SchemaCatalog.TenantTablesAsync(Db)));
    }

    /// <summary>
    /// From the catalog rather than the model, so that a table EF treats as global (the audit trail) is held to it too.
    /// The licence holder's own tables name a tenant but are read across tenants by its national features (README,
    /// "Reading across tenants"); a tenant reaches them only through the owning feature, by its own tenant id, so they are
    /// the named exceptions.
    /// </summary>
    [Fact]
    public async Task Every_table_with_a_tenant_id_column_has_enabled_and_forced_row_level_security()
    {
        string[] licenceHolderTables = [
            "licences", "runs_at_risk", "qa_reviews", "material_distributions", "material_downloads", "material_receipts"];
        var unprotected = await SchemaCatalog.Strings(Db, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
              AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            """);
        Assert.Empty(unprotected.Except(licenceHolderTables));
        Assert.Contains("audit_events", await SchemaCatalog.Strings(Db, """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relrowsecurity AND c.relforcerowsecurity
            """));
    }

    [Fact]
    public async Task Every_tenant_table_has_a_tenant_policy_for_reads_and_writes()
    {
        var withPolicy = await SchemaCatalog.Strings(Db, """
            SELECT tablename FROM pg_policies
            WHERE schemaname = 'public' AND cmd = 'ALL'
              AND qual LIKE '%tenant_id = (NULLIF(current_setting(''app.tenant_id''::text, true), ''''::text))::uuid%'
              AND with_check LIKE '%tenant_id = (NULLIF(current_setting(''app.tenant_id''::text, true), ''''::text))::uuid%'
            """);
        Assert.Empty((await SchemaCatalog.TenantTablesAsync(Db)).Except(withPolicy));
    }

    [Fact]
    public async Task Every_tenant_table_has_tenant_id_leading_its_primary_key()
    {
        var led = await SchemaCatalog.Strings(Db, """
            SELECT c.conrelid::regclass::text FROM pg_constraint c
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'p' AND a.attname = 'tenant_id'
            """);
        Assert.Empty((await SchemaCatalog.TenantTablesAsync(Db)).Except(led));
    }

    /// <summary>Between tenant tables, that is: a key to a global table (tenants, users) is a Citus reference-table key.</summary>
    [Fact]
    public async Task Every_foreign_key_between_tenant_tables_includes_tenant_id()
    {
        var global = string.Join(", ", SchemaCatalog.GlobalTables(Db).Select(t => $"'{t}'"));
        var without = await SchemaCatalog.Strings(Db, $"""
            SELECT c.conrelid::regclass::text || ' ' || c.conname FROM pg_constraint c
            WHERE c.contype = 'f' AND c.confrelid::regclass::text NOT IN ({global}) AND NOT EXISTS (
                SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) AND a.attname = 'tenant_id')
            """);
        var tenantTables = await SchemaCatalog.TenantTablesAsync(Db);
        Assert.DoesNotContain(without, fk => tenantTables.Contains(fk.Split(' ')[0]));
    }

    [Fact]
    public async Task Every_unique_index_of_a_tenant_table_includes_tenant_id()
    {
        var without = await SchemaCatalog.Strings(Db, """
            SELECT i.indrelid::regclass::text || ' ' || i.indexrelid::regclass::text FROM pg_index i
            WHERE i.indisunique AND NOT EXISTS (
                SELECT 1 FROM pg_attribute a WHERE a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey) AND a.attname = 'tenant_id')
            """);
        var tenantTables = await SchemaCatalog.TenantTablesAsync(Db);
        Assert.DoesNotContain(without, ix => tenantTables.Contains(ix.Split(' ')[0]));
    }

    [Fact]
    public async Task The_catalog_sees_the_tenant_tables_the_model_maps()
    {
        // Guards the tests above against passing vacuously on an empty list.
        Assert.Contains("venues", await SchemaCatalog.TenantTablesAsync(Db));
        Assert.Contains("tenants", SchemaCatalog.GlobalTables(Db));
    }
}
