using CaraPlatform.Infrastructure.Events;

namespace CaraPlatform.Web.Features.National;

/// <summary>What a rebuild came to: national tables emptied, events replayed, and tenants whose replay failed.</summary>
public sealed record NationalRebuildResult(IReadOnlyList<string> Tables, int EventsApplied, IReadOnlyList<string> FailedTenants);

/// <summary>
/// The national read model rebuilt from the tenants' event streams: every table of schema <c>national</c> emptied (found
/// in the database, so tables other parts add are emptied too), every tenant's <see cref="NationalFeed"/> cursor set back
/// to the start, then the relay catches up. The way to recover from a projection's bug and to re-pseudonymise everyone
/// under a new key (docs/national-data.md). National views read a partly rebuilt model until it finishes.
/// </summary>
public sealed class NationalRebuild(IDbContextFactory<CaraDbContext> contexts, TenantRunner tenants, TenantEventRelay relay)
{
    public async Task<NationalRebuildResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var tables = await EmptyAsync(cancellationToken);
        // Each tenant's cursor in that tenant's scope: row-level security narrows the statement to it, and the statement
        // names the tenant too, as every statement on a tenant table does (DESIGN §2).
        var reset = await tenants.RunAsync("Resetting the national cursor", async (tenant, _, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await db.Database.ExecuteSqlAsync($"""
                UPDATE tenant_event_cursors SET last_transaction_id = '0', last_event_id = {Guid.Empty}
                WHERE tenant_id = {tenant.TenantId} AND consumer = {NationalFeed.ConsumerName}
                """, ct);
        }, cancellationToken: cancellationToken);
        var relayed = await relay.RunOnceAsync(cancellationToken: cancellationToken);
        var failed = reset.Failures.Select(f => f.Tenant.Identifier)
            .Concat(relayed.Failures.Select(f => f.Tenant.Identifier))
            .Concat(relayed.Results.Where(r => r.Result.FailedConsumers.Contains(NationalFeed.ConsumerName)).Select(r => r.Tenant.Identifier))
            .Distinct().ToList();
        return new NationalRebuildResult(tables, relayed.Results.Sum(r => r.Result.Applied), failed);
    }

    /// <summary>National tables that are not fed by events, so a rebuild keeps them: the analysts' queued exports.</summary>
    public static readonly IReadOnlySet<string> NotFromEvents = new HashSet<string>(StringComparer.Ordinal) { "export_jobs" };

    /// <summary>Deletes every row of every national table fed by events in one transaction, referencing tables before those they reference.</summary>
    private async Task<IReadOnlyList<string>> EmptyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var tables = await db.Database.SqlQuery<string>($"""
            SELECT tablename AS "Value" FROM pg_tables WHERE schemaname = 'national'
            """).ToListAsync(cancellationToken);
        var references = await db.Database.SqlQuery<NationalReference>($"""
            SELECT c.conrelid::regclass::text AS "From", c.confrelid::regclass::text AS "To"
            FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
            WHERE c.contype = 'f' AND n.nspname = 'national' AND c.conrelid <> c.confrelid
            """).ToListAsync(cancellationToken);
        var ordered = new List<string>();
        var remaining = tables.Where(t => !NotFromEvents.Contains(t)).Select(t => $"national.{t}").ToHashSet(StringComparer.Ordinal);
        while (remaining.Count > 0)
        {
            var free = remaining.Where(t => !references.Any(r => r.To == t && remaining.Contains(r.From))).Order(StringComparer.Ordinal).ToList();
            if (free.Count == 0) throw new InvalidOperationException($"National tables reference each other in a cycle: {string.Join(", ", remaining)}.");
            ordered.AddRange(free);
            remaining.ExceptWith(free);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // DELETE, since the application role has no TRUNCATE. The names come from the catalogue (regclass quotes them), not from input.
#pragma warning disable EF1002
        foreach (var table in ordered) await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table}", cancellationToken);
#pragma warning restore EF1002
        await transaction.CommitAsync(cancellationToken);
        return ordered;
    }

    private sealed record NationalReference(string From, string To);
}

/// <summary><c>rebuild-national</c>: the read model emptied and replayed from every tenant's events (see <see cref="NationalRebuild"/>).</summary>
public sealed class RebuildNationalCommand(IServiceScopeFactory scopes, ILogger<RebuildNationalCommand> logger) : IHostCommand
{
    public string Name => "rebuild-national";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<NationalRebuild>().RunAsync(cancellationToken);
        logger.LogInformation("National read model rebuilt: emptied {Tables}, applied {Events} events", string.Join(", ", result.Tables), result.EventsApplied);
        if (result.FailedTenants.Count == 0) return 0;
        logger.LogError("The national replay failed for {Tenants}: run rebuild-national again once fixed", string.Join(", ", result.FailedTenants));
        return 1;
    }
}
