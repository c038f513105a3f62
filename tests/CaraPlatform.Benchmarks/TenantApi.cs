using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// The tenant API under load (wrk, 16 connections): what integrators and the portal do most. Each scenario runs
/// against the host and, where it reads, against the raw Npgsql baseline running the same SQL in this process, so
/// every figure comes with its ratio. Tokens are real: the demo tenants' integration clients (client credentials).
/// </summary>
internal static class TenantApi
{
    private static readonly string[] Tenants = ["hampshire", "west-yorkshire"];

    private static readonly Dictionary<string, (string Force, string Answers)> Profiles = new()
    {
        ["hampshire"] = ("hampshire-and-isle-of-wight", """{"alcohol-drug-dependency":false,"island-travel":true}"""),
        ["west-yorkshire"] = ("west-yorkshire", """{"previous-da-intervention":false}"""),
    };

    private sealed record Caller(string Tenant, Guid TenantId, string Token, IReadOnlyList<Guid> Referrals);

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options, Baseline baseline)
    {
        using var http = new HttpClient { BaseAddress = new Uri(options.BaseUrl) };
        var callers = new List<Caller>();
        foreach (var tenant in Tenants) callers.Add(await CallerAsync(http, tenant, options));
        var rows = callers.Sum(c => (long)c.Referrals.Count);
        Console.WriteLine($"Tenant API: {Tenants.Length} tenants, {rows:N0} referrals read at random");

        var results = new List<ScenarioResult>();
        var reads = callers.SelectMany(c => c.Referrals.Select(id => (c, id))).ToList();
        results.Add(await MeasureAsync("GET one referral", options, rows,
            [.. reads.Select(r => Get($"/api/v1/tenants/{r.c.Tenant}/referrals/{r.id}", r.c.Token))],
            [.. reads.Select(r => Get($"/baseline/referrals/{r.c.TenantId}/{r.id}", null))], baseline));
        results.Add(await MeasureAsync("GET a referral list page (50)", options, rows,
            [.. callers.Select(c => Get($"/api/v1/tenants/{c.Tenant}/referrals?limit=50", c.Token))],
            [.. callers.Select(c => Get($"/baseline/referrals/{c.TenantId}?limit=50", null))], baseline));
        results.Add(await MeasureAsync("POST a referral (Idempotency-Key)", options, rows,
            [.. callers.Select(c => new WrkTarget("POST", $"/api/v1/tenants/{c.Tenant}/referrals", new Dictionary<string, string>
            {
                ["Authorization"] = $"Bearer {c.Token}",
                ["Content-Type"] = "application/json",
                ["Idempotency-Key"] = "bench-{n}",
            }, NewReferral(c.Tenant, "{n}")))],
            null, baseline));
        return results;
    }

    private static WrkTarget Get(string path, string? token) =>
        new("GET", path, token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });

    private static async Task<ScenarioResult> MeasureAsync(
        string scenario, BenchOptions options, long rows, IReadOnlyList<WrkTarget> host, IReadOnlyList<WrkTarget>? raw, Baseline baseline)
    {
        var result = await Wrk.RunAsync(options.BaseUrl, host, options, BenchOptions.Connections);
        var baselineResult = raw is null ? null : await Wrk.RunAsync(baseline.Url, raw, options, BenchOptions.Connections);
        var measured = new ScenarioResult(scenario, (int)result.Requests, (int)result.Errors, result.P50Ms, result.P99Ms, result.MaxMs,
            Tenants.Length, rows, Measure.HostWorkingSetMb(options))
        {
            Rps = result.Rps,
            BaselineRps = baselineResult?.Rps,
        };
        Console.WriteLine($"  {scenario}: {result.Rps:0} rps, p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms" +
            (baselineResult is null ? "" : $"; baseline {baselineResult.Rps:0} rps ({measured.Ratio:P0})") +
            (result.Errors > 0 ? $", {result.Errors} errors" : ""));
        return measured;
    }

    private static async Task<Caller> CallerAsync(HttpClient http, string tenant, BenchOptions options)
    {
        using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = $"{tenant}-integration",
            ["client_secret"] = "cara-demo-secret",
            ["scope"] = "referrals.read referrals.write",
        }));
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
        using var api = new HttpClient { BaseAddress = new Uri(options.BaseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // Enough referrals to read at random: the demo history has some; the rest are created through the API.
        var ids = await ListAsync(api, tenant);
        for (var i = ids.Count; i < options.ReferralsPerTenant; i++)
        {
            using var created = await api.PostAsync($"/api/v1/tenants/{tenant}/referrals",
                new StringContent(NewReferral(tenant, $"seed{i}{Guid.NewGuid():N}"[..20]), Encoding.UTF8, "application/json"));
            if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Creating a referral in {tenant}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        if (ids.Count < options.ReferralsPerTenant) ids = await ListAsync(api, tenant);
        var tenantId = await TenantIdAsync(options, tenant);
        return new Caller(tenant, tenantId, token, ids);
    }

    private static async Task<List<Guid>> ListAsync(HttpClient api, string tenant)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/referrals?limit=100{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);
        return ids;
    }

    private static async Task<Guid> TenantIdAsync(BenchOptions options, string slug)
    {
        await using var db = new Npgsql.NpgsqlConnection(options.OwnerConnectionString);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id FROM tenants WHERE slug = $1", db) { Parameters = { new() { Value = slug } } };
        return (Guid)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A referral the tenant accepts; <paramref name="reference"/> makes its police reference unique.</summary>
    private static string NewReferral(string tenant, string reference)
    {
        var (force, answers) = Profiles[tenant];
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $$"""
            {"policeReference":"BENCH/{{reference}}","forceCode":"{{force}}","disposalType":"DiversionaryCaution","disposalDate":"{{Day(-3)}}",
             "officer":{"name":"PC Jane Hollis","collarNumber":"HC1234","email":"jane.hollis@police.example","phone":"01632 960000"},
             "offence":{"typeCode":"common-assault","date":"{{Day(-10)}}","relationship":"CurrentPartner"},
             "offender":{"givenName":"Daniel","familyName":"Marsh","dateOfBirth":"1990-05-14","sex":"Male","addressLine1":"2 High Street",
               "town":"Southampton","postcode":"SO14 5GL","phone":"07700 900456","email":"daniel.marsh@example.org","preferredLanguage":"en",
               "interpreterNeeded":false,"childrenInHousehold":true},
             "eligibility":{"onBail":false,"subjectToCourtOrderOrCommunitySentence":false,"evidenceOfCoerciveOrControllingBehaviour":false,
               "dash":{"score":4,"assessedLevel":"Standard"},"victimViewsRecorded":true,"specificRiskToVictimFromCaution":false,
               "tenantAnswers":{{answers}} },
             "victim":{"givenName":"Victoria","familyName":"Vale","relationship":"CurrentPartner","safeContactMethod":"Phone",
               "phone":"07700 900123","contactConsented":true} }
            """;
    }
}
