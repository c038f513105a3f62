using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// The raw baseline every tenant-API read is compared with: a minimal ASP.NET Core endpoint in this process running the
/// same SQL the host's EF Core issues for that read (captured from its log), with plain Npgsql on the application role
/// and the same pool settings, the tenant setting batched with the query (row-level security still applies), and the
/// rows written as JSON. What the host does beyond this (authentication, tenancy, EF Core, mapping, its answer's
/// shape) is what the ratio measures.
/// </summary>
internal sealed class Baseline : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly NpgsqlDataSource[] _data;

    private Baseline(WebApplication app, NpgsqlDataSource[] data, string url)
    {
        _app = app;
        _data = data;
        Url = url;
    }

    public string Url { get; }

    /// <param name="superuserConnectionString">
    /// For <c>/baseline-no-rls</c>: the superuser, whom row-level security does not hold, runs the same SQL without the
    /// tenant setting, so that the two baselines differ by what the setting and the policies cost.
    /// </param>
    public static async Task<Baseline> StartAsync(string appConnectionString, string superuserConnectionString, int port)
    {
        var data = NpgsqlDataSource.Create(appConnectionString);
        var unrestricted = NpgsqlDataSource.Create(superuserConnectionString);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Error);
        var app = builder.Build();
        app.MapGet("/baseline/referrals/{tenant:guid}/{id:guid}", (Guid tenant, Guid id, HttpContext context) =>
            WriteAsync(data, context, tenant, id, ReferralSql.One, ReferralSql.Viewed));
        app.MapGet("/baseline/referrals/{tenant:guid}", (Guid tenant, HttpContext context) =>
            WriteAsync(data, context, tenant, null, ReferralSql.Page));
        app.MapGet("/baseline-no-rls/referrals/{tenant:guid}/{id:guid}", (Guid tenant, Guid id, HttpContext context) =>
            WriteAsync(unrestricted, context, tenant, id, ReferralSql.One, ReferralSql.Viewed));
        await app.StartAsync();
        return new Baseline(app, [data, unrestricted], $"http://127.0.0.1:{port}");
    }

    /// <summary>The tenant setting, the query whose rows are the answer, then any statement after it, in one round trip.</summary>
    private static async Task WriteAsync(NpgsqlDataSource data, HttpContext context, Guid tenant, Guid? id, string query, params string[] after)
    {
        var withSetting = context.Request.Path.StartsWithSegments("/baseline", StringComparison.Ordinal);
        await using var connection = await data.OpenConnectionAsync(context.RequestAborted);
        await using var batch = new NpgsqlBatch(connection);
        if (withSetting)
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('app.tenant_id', $1, false)") { Parameters = { new() { Value = tenant.ToString("D") } } });
        batch.BatchCommands.Add(Command(query, tenant, id));
        foreach (var statement in after) batch.BatchCommands.Add(Command(statement, tenant, id));
        await using var reader = await batch.ExecuteReaderAsync(context.RequestAborted);
        if (withSetting) await reader.NextResultAsync(context.RequestAborted);
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
        json.WriteStartArray();
        while (await reader.ReadAsync(context.RequestAborted))
        {
            json.WriteStartObject();
            for (var i = 0; i < reader.FieldCount; i++)
            {
                json.WritePropertyName(reader.GetName(i));
                JsonSerializer.Serialize(json, reader.IsDBNull(i) ? null : reader.GetValue(i));
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        await json.FlushAsync(context.RequestAborted);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static NpgsqlBatchCommand Command(string sql, Guid tenant, Guid? id)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        if (id is { } value) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        foreach (var data in _data) await data.DisposeAsync();
    }
}
