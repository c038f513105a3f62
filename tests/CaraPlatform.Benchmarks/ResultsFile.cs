using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// One measured scenario: latencies of sequential requests (one at a time, as a person at the dashboard makes them), or
/// of wrk's load with its throughput and the raw baseline's (<see cref="Ratio"/> = host / baseline).
/// </summary>
internal sealed record ScenarioResult(
    string Scenario, int Requests, int Errors, double P50Ms, double P99Ms, double MaxMs, int Tenants, long Rows, double WorkingSetMb)
{
    public double? Rps { get; init; }

    public double? BaselineRps { get; init; }

    public double? Ratio => BaselineRps > 0 ? Rps / BaselineRps : null;

    /// <summary>The host's memory growth per tenant between the few- and many-tenant passes.</summary>
    public double? PerTenantKb { get; init; }

    /// <summary>What the RLS setting and policies add to a request, as a share of the host's time per request.</summary>
    public double? TenancyShare { get; init; }

    /// <summary>This many-tenant figure's throughput over the same scenario's with few tenants.</summary>
    public double? VersusFewTenants { get; init; }
}

internal static class ResultsFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes bench/results/&lt;date&gt;[-tenant|-national][-quick].json and returns its path.</summary>
    public static string Write(BenchOptions options, IReadOnlyList<ScenarioResult> results)
    {
        Directory.CreateDirectory(options.ResultsDirectory);
        var name = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + (options.Only is { } only ? "-" + only : "") + (options.Label is { } label ? "-" + label : "") +
            (options.Quick ? "-quick" : "") + ".json";
        var path = Path.Combine(options.ResultsDirectory, name);
        var document = new
        {
            machine = $"{Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}",
            ranAt = DateTimeOffset.UtcNow,
            quick = options.Quick,
            scenarios = results,
        };
        File.WriteAllText(path, JsonSerializer.Serialize(document, Json));
        return path;
    }

    public static string Markdown(IReadOnlyList<ScenarioResult> results)
    {
        var table = new StringBuilder();
        table.AppendLine("| scenario | rows | tenants | rps | baseline rps | ratio | vs 10 tenants | p50 ms | p99 ms | max ms | errors | host MB |");
        table.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            table.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Scenario} | {r.Rows:N0} | {r.Tenants} | {r.Rps:0} | {r.BaselineRps:0} | {r.Ratio:P0} | {r.VersusFewTenants:P0} | {r.P50Ms:0.0} | {r.P99Ms:0.0} | {r.MaxMs:0.0} | {r.Errors} | {r.WorkingSetMb:0} |");
        }
        return table.ToString();
    }
}
