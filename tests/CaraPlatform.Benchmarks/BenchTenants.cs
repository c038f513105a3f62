using Npgsql;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Tenants made for the run, <c>bench-0001</c> onwards (and <c>scale-0001</c> onwards for the million referrals): copies of the demo Hampshire tenant's definition, each with an
/// integration client like the demo's (same secret), written straight into the global tables as an operator's
/// provisioning would. Kept between runs; only the missing ones are added.
/// </summary>
internal static class BenchTenants
{
    public const string Template = "hampshire";

    public const string Prefix = "bench-";

    public static string Slug(int number, string prefix = Prefix) => $"{prefix}{number:0000}";

    /// <summary>Tenants <paramref name="prefix"/>0001 … up to <paramref name="count"/>, each with its integration client.</summary>
    public static async Task EnsureAsync(string superuserConnectionString, int count, string prefix = Prefix)
    {
        await using var db = new NpgsqlConnection(superuserConnectionString);
        await db.OpenAsync();
        await using var batch = new NpgsqlBatch(db);
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO tenants (id, slug, name, status, delivery_model, definition, created_at, updated_at)
            SELECT gen_random_uuid(), $3 || lpad(i::text, 4, '0'), 'CARA ' || $3 || i, t.status, t.delivery_model,
                   jsonb_set(jsonb_set(t.definition, '{slug}', to_jsonb($3 || lpad(i::text, 4, '0'))), '{name}', to_jsonb('CARA ' || $3 || i)),
                   now(), now()
            FROM tenants t, generate_series(1, $1) AS i
            WHERE t.slug = $2
            ON CONFLICT (slug) DO NOTHING
            """) { Parameters = { new() { Value = count }, new() { Value = Template }, new() { Value = prefix } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            INSERT INTO oidc_applications (id, application_type, client_id, client_secret, client_type, concurrency_token, consent_type,
                display_name, permissions, properties, requirements, settings)
            SELECT gen_random_uuid(), a.application_type, t.slug || '-integration', a.client_secret, a.client_type, gen_random_uuid()::text,
                   a.consent_type, t.name || ' bench client', a.permissions, json_build_object('cara_tenant', t.id)::text, a.requirements, a.settings
            FROM oidc_applications a, tenants t
            WHERE a.client_id = $1 || '-integration' AND t.slug LIKE $2 || '%'
            ON CONFLICT (client_id) DO NOTHING
            """) { Parameters = { new() { Value = Template }, new() { Value = prefix } } });
        await batch.ExecuteNonQueryAsync();
    }
}
