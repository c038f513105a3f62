using System.Diagnostics;
using System.Net.Http.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Issue 14's speed line: every national table, through the API and the dashboard page (its sections and the table
/// fragments its script fetches), with the read model holding a million referrals across 50 tenants. Each request is
/// timed one at a time (the dashboard's user waits for each).
/// </summary>
internal static class NationalDashboard
{
    private sealed record TableSummary(string Id, string Title, string Section);

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options)
    {
        var seeding = Stopwatch.StartNew();
        var rows = await NationalSeed.RunAsync(options);
        Console.WriteLine($"National read model: {rows:N0} referrals across {options.Tenants} tenants ({seeding.Elapsed.TotalSeconds:0}s to seed)");

        using var analyst = await StaffMember.SignInAsync(options, StaffMember.Analyst, "national.read");
        var tables = await analyst.Api.GetFromJsonAsync<List<TableSummary>>("/api/v1/national/data") ?? [];
        // The whole programme, one large force, and the last twelve months: the filters an analyst uses most.
        // The API takes days, the page's filter months (as its selects offer them).
        (string Name, string Query, string PageQuery)[] filters =
        [
            ("all", "", ""),
            ("force", "?force=BF00", "&force=BF00"),
            ("12 months", "?from=2025-11-01&to=2026-10-01", "&from=2025-11&to=2026-10"),
        ];

        var results = new List<ScenarioResult>();
        foreach (var table in tables)
            foreach (var (name, query, _) in filters)
                results.Add(await TimeAsync($"GET national/data/{table.Id} ({name})", analyst.Api, $"/api/v1/national/data/{table.Id}{query}", options, rows));

        // The dashboard page computes no table: it lays out a section, and its script fetches each table on its own.
        foreach (var section in tables.Select(t => t.Section).Distinct())
            results.Add(await TimeAsync($"page /national/data?section={section}", analyst.Browser, $"/national/data?section={section}", options, rows));
        foreach (var table in tables)
            foreach (var (name, _, pageQuery) in filters)
                results.Add(await TimeAsync($"page table {table.Id} ({name})", analyst.Browser,
                    $"/national/data?handler=Table&table={table.Id}{pageQuery}", options, rows));
        return results;
    }

    private static async Task<ScenarioResult> TimeAsync(string scenario, HttpClient client, string url, BenchOptions options, long rows)
    {
        var errors = 0;
        for (var i = 0; i < 1; i++)
        {
            using var warm = await client.GetAsync(url);
            if (!warm.IsSuccessStatusCode) errors++;
        }

        var timings = new List<double>();
        for (var i = 0; i < options.Requests; i++)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.GetAsync(url);
            await response.Content.ReadAsByteArrayAsync();
            timings.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode) errors++;
        }

        timings.Sort();
        var result = new ScenarioResult(scenario, timings.Count, errors, Percentile(timings, 0.5), Percentile(timings, 0.99), timings[^1],
            options.Tenants, rows, Measure.HostWorkingSetMb(options));
        Console.WriteLine($"  {scenario}: p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms{(errors > 0 ? $", {errors} errors" : "")}");
        return result;
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}
