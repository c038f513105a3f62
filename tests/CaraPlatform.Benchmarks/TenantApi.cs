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
    private const string Answers = """{"alcohol-drug-dependency":false,"island-travel":true}""";

    private sealed record Caller(string Tenant, Guid TenantId, string Token, IReadOnlyList<Guid> Referrals);

    public static async Task<IReadOnlyList<ScenarioResult>> RunAsync(BenchOptions options, Baseline baseline)
    {
        await BenchTenants.EnsureAsync(options.SuperuserConnectionString, options.ManyTenants);
        using var http = BenchHttp.Client(options);
        var results = new List<ScenarioResult>();

        // First pass: few tenants holding all the referrals read.
        var few = await CallersAsync(http, options, BenchOptions.FewTenants);
        results.AddRange(await ReadsAsync(options, baseline, few, withoutRls: true));
        if (options.Only == "reads")
        {
            // Enough to compare two builds of the host (e.g. before and after a change) on the reads and the portal page.
            results.Add(await PortalPageAsync(options, few.Count));
            return results;
        }

        results.Add(await MeasureAsync("POST a referral (Idempotency-Key)", options, few,
            [.. few.Select(c => new WrkTarget("POST", $"/api/v1/tenants/{c.Tenant}/referrals", new Dictionary<string, string>
            {
                ["Authorization"] = $"Bearer {c.Token}",
                ["Content-Type"] = "application/json",
                ["Idempotency-Key"] = "bench-{n}",
            }, NewReferral("{n}")))],
            null, baseline));
        results.Add(await PortalPageAsync(options, few.Count));
        // Booking needs trained facilitators: the demo tenant the bench tenants copy has them.
        results.Add(await Bookings.RunAsync(options, BenchTenants.Template, await TokenAsync(http, BenchTenants.Template), NewReferral));
        var fewMemory = Measure.HostWorkingSetMb(options);

        // Second pass: the same number of referrals spread over many tenants; memory is read after both.
        var many = await CallersAsync(http, options, options.ManyTenants);
        var manyReads = await ReadsAsync(options, baseline, many, withoutRls: false);
        var perTenantKb = (Measure.HostWorkingSetMb(options) - fewMemory) * 1024 / (options.ManyTenants - BenchOptions.FewTenants);
        Console.WriteLine($"  Host memory: {fewMemory:0} MB after {few.Count} tenants, {Measure.HostWorkingSetMb(options):0} MB after {many.Count}: " +
            $"{perTenantKb:0.0} KB per added tenant");
        foreach (var read in manyReads)
        {
            var first = results.First(r => r.Scenario == read.Scenario);
            results.Add(read with { Scenario = $"{read.Scenario}, {many.Count:N0} tenants", PerTenantKb = perTenantKb, VersusFewTenants = read.Rps / first.Rps });
        }

        // At scale: a million referrals in the tenant tables; reads in the largest tenant, and the deadline job over all.
        var scaled = await ScaleSeed.EnsureAsync(options);
        var (largest, held) = await ScaleSeed.LargestAsync(options);
        var big = new Caller(largest, (await TenantIdsAsync(options))[largest], await TokenAsync(http, largest), await ScaleSeed.SampleAsync(options, largest, 2_000));
        foreach (var read in await ReadsAsync(options, baseline, [big], withoutRls: false))
            results.Add(read with { Scenario = $"{read.Scenario}, largest of {ScaleSeed.Tenants} tenants ({held:N0} referrals)", Rows = scaled });
        results.AddRange(await DeadlineCheck.RunAsync(options, scaled));
        return results;
    }

    /// <summary>GET one referral and GET a list page, each against the host and the raw baseline.</summary>
    private static async Task<List<ScenarioResult>> ReadsAsync(BenchOptions options, Baseline baseline, IReadOnlyList<Caller> callers, bool withoutRls)
    {
        var rows = callers.Sum(c => (long)c.Referrals.Count);
        Console.WriteLine($"Tenant API: {callers.Count} tenants, {rows:N0} referrals read at random");
        var reads = callers.SelectMany(c => c.Referrals.Select(id => (c, id))).ToList();
        var results = new List<ScenarioResult>
        {
            await MeasureAsync("GET one referral", options, callers,
                [.. reads.Select(r => Get($"/api/v1/tenants/{r.c.Tenant}/referrals/{r.id}", r.c.Token))],
                [.. reads.Select(r => Get($"/baseline/referrals/{r.c.TenantId}/{r.id}", null))], baseline),
            await MeasureAsync("GET a referral list page (50)", options, callers,
                [.. callers.Select(c => Get($"/api/v1/tenants/{c.Tenant}/referrals?limit=50", c.Token))],
                [.. callers.Select(c => Get($"/baseline/referrals/{c.TenantId}?limit=50", null))], baseline),
        };
        if (!withoutRls) return results;

        // Latency at half of the most the host served, arriving at a steady pace.
        var half = results[0].Rps!.Value / 2;
        var paced = await Paced.RunAsync(options, [.. reads.Select(r => ($"/api/v1/tenants/{r.c.Tenant}/referrals/{r.id}", r.c.Token))], half, options.LoadSeconds);
        Console.WriteLine($"  GET one referral at half the maximum ({half:0} rps, steady): p50 {paced.P50Ms:0.0} ms, p99 {paced.P99Ms:0.0} ms" +
            (paced.Errors > 0 ? $", {paced.Errors} errors" : ""));
        results.Add(new ScenarioResult($"GET one referral at half the maximum, steady ({half:0} rps)", paced.Requests, paced.Errors, paced.P50Ms,
            paced.P99Ms, paced.MaxMs, callers.Count, rows, Measure.HostWorkingSetMb(options))
        { Rps = half });

        // What row-level security's session setting costs the raw baseline: the same SQL as the superuser, no setting.
        var withRls = results[0];
        WrkTarget[] unrestricted = [.. reads.Select(r => Get($"/baseline-no-rls/referrals/{r.c.TenantId}/{r.id}", null))];
        await Wrk.RunAsync(baseline.Url, unrestricted, options, BenchOptions.Connections, options.WarmUpSeconds);
        var raw = await Wrk.RunAsync(baseline.Url, unrestricted, options, BenchOptions.Connections);
        // Tenancy's share of a host request: what the setting and the policies add to the raw request (the two baselines'
        // time per request apart), over the host's time per request. Resolution and roles are memory lookups here.
        var share = (1 / withRls.BaselineRps!.Value - 1 / raw.Rps) / (1 / withRls.Rps!.Value);
        Console.WriteLine($"  GET one referral, baseline without the RLS setting: {raw.Rps:0} rps (with it: {withRls.BaselineRps:0}); " +
            $"the setting and policies are {share:P1} of a host request's time");
        results.Add(new ScenarioResult($"GET one referral: baseline with RLS vs without (tenancy {share:P1} of a host request)", (int)raw.Requests,
            (int)raw.Errors, raw.P50Ms, raw.P99Ms, raw.MaxMs, callers.Count, rows, Measure.HostWorkingSetMb(options))
        {
            Rps = withRls.BaselineRps,
            BaselineRps = raw.Rps,
            TenancyShare = share,
        });
        return results;
    }

    /// <summary>The portal's referral list as a signed-in coordinator sees it, with the Identity cookie (the demo tenant, which has people).</summary>
    private static async Task<ScenarioResult> PortalPageAsync(BenchOptions options, int tenants)
    {
        var cookies = new BenchHttp.CookieJar();
        using var browser = BenchHttp.Client(options, cookies: cookies);
        var page = await browser.GetStringAsync("/");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var signIn = await browser.PostAsync("/", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "coordinator@hampshire.demo",
            ["Password"] = "CaraDemo!2026",
            ["__RequestVerificationToken"] = token,
        }));
        if (signIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Signing in to the portal: {(int)signIn.StatusCode}");
        WrkTarget[] list = [new("GET", "/t/hampshire/referrals", new Dictionary<string, string> { ["Cookie"] = cookies.Header })];
        await Wrk.RunAsync(options.BaseUrl, list, options, BenchOptions.Connections, options.WarmUpSeconds);
        var result = await Wrk.RunAsync(options.BaseUrl, list, options, BenchOptions.Connections);
        Console.WriteLine($"  Portal referral list (cookie): {result.Rps:0} rps, p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms" +
            (result.Errors > 0 ? $", {result.Errors} errors" : ""));
        return new ScenarioResult("Portal: referral list page (cookie)", (int)result.Requests, (int)result.Errors, result.P50Ms, result.P99Ms, result.MaxMs,
            1, 0, Measure.HostWorkingSetMb(options))
        { Rps = result.Rps };
    }

    private static WrkTarget Get(string path, string? token) =>
        new("GET", path, token is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });

    private static async Task<ScenarioResult> MeasureAsync(
        string scenario, BenchOptions options, IReadOnlyList<Caller> callers, IReadOnlyList<WrkTarget> host, IReadOnlyList<WrkTarget>? raw, Baseline baseline)
    {
        // A warm-up round each, unrecorded: the first requests of a path pay for JIT and cold caches.
        await Wrk.RunAsync(options.BaseUrl, host, options, BenchOptions.Connections, options.WarmUpSeconds);
        var result = await Wrk.RunAsync(options.BaseUrl, host, options, BenchOptions.Connections);
        if (raw is not null) await Wrk.RunAsync(baseline.Url, raw, options, BenchOptions.Connections, options.WarmUpSeconds);
        var baselineResult = raw is null ? null : await Wrk.RunAsync(baseline.Url, raw, options, BenchOptions.Connections);
        var measured = new ScenarioResult(scenario, (int)result.Requests, (int)result.Errors, result.P50Ms, result.P99Ms, result.MaxMs,
            callers.Count, callers.Sum(c => (long)c.Referrals.Count), Measure.HostWorkingSetMb(options))
        {
            Rps = result.Rps,
            BaselineRps = baselineResult?.Rps,
        };
        Console.WriteLine($"  {scenario}: {result.Rps:0} rps, p50 {result.P50Ms:0.0} ms, p99 {result.P99Ms:0.0} ms" +
            (baselineResult is null ? "" : $"; baseline {baselineResult.Rps:0} rps ({measured.Ratio:P0})") +
            (result.Errors > 0 ? $", {result.Errors} errors" : ""));
        return measured;
    }

    /// <summary>Tokens for bench-0001 … bench-{count}, and the referrals each holds for reading (made through the API where missing).</summary>
    private static async Task<List<Caller>> CallersAsync(HttpClient http, BenchOptions options, int count)
    {
        var perTenant = Math.Max(1, options.TenantReferrals / count);
        var tenantIds = await TenantIdsAsync(options);
        var callers = new List<Caller>();
        for (var number = 1; number <= count; number++)
        {
            var tenant = BenchTenants.Slug(number);
            callers.Add(await CallerAsync(http, tenant, tenantIds[tenant], perTenant, options));
        }

        // Fresh statistics, as autovacuum would soon give them: planned on the demo's few rows, a read can pick the wrong index.
        await using var db = new Npgsql.NpgsqlConnection(options.SuperuserConnectionString);
        await db.OpenAsync();
        await using var analyze = new Npgsql.NpgsqlCommand("ANALYZE referrals, audit_events, idempotency_records", db);
        await analyze.ExecuteNonQueryAsync();
        return callers;
    }

    private static async Task<string> TokenAsync(HttpClient http, string tenant)
    {
        using var tokenResponse = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = $"{tenant}-integration",
            ["client_secret"] = "cara-demo-secret",
            ["scope"] = "referrals.read referrals.write workshops.read workshops.write",
        }));
        if (!tokenResponse.IsSuccessStatusCode) throw new InvalidOperationException($"A token for {tenant}: {(int)tokenResponse.StatusCode} {await tokenResponse.Content.ReadAsStringAsync()}");
        return (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()!;
    }

    private static async Task<Caller> CallerAsync(HttpClient http, string tenant, Guid tenantId, int referrals, BenchOptions options)
    {
        var token = await TokenAsync(http, tenant);
        using var api = BenchHttp.Client(options, token);

        var ids = await ListAsync(api, tenant, referrals);
        for (var i = ids.Count; i < referrals; i++)
        {
            using var created = await api.PostAsync($"/api/v1/tenants/{tenant}/referrals",
                new StringContent(NewReferral($"seed{i}{Guid.NewGuid():N}"[..20]), Encoding.UTF8, "application/json"));
            if (created.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"Creating a referral in {tenant}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
        }

        if (ids.Count < referrals) ids = await ListAsync(api, tenant, referrals);
        return new Caller(tenant, tenantId, token, ids);
    }

    private static async Task<List<Guid>> ListAsync(HttpClient api, string tenant, int enough)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        do
        {
            var page = await api.GetFromJsonAsync<JsonElement>($"/api/v1/tenants/{tenant}/referrals?limit=100{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null && ids.Count < enough);
        return [.. ids.Take(enough)];
    }

    private static async Task<Dictionary<string, Guid>> TenantIdsAsync(BenchOptions options)
    {
        await using var db = new Npgsql.NpgsqlConnection(options.OwnerConnectionString);
        await db.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT slug, id FROM tenants", db);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new Dictionary<string, Guid>();
        while (await reader.ReadAsync()) ids[reader.GetString(0)] = reader.GetGuid(1);
        return ids;
    }

    /// <summary>A referral a bench tenant (a copy of Hampshire) accepts; <paramref name="reference"/> makes its police reference unique.</summary>
    private static string NewReferral(string reference)
    {
        const string force = "hampshire-and-isle-of-wight";
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int days) => today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $$"""
            {"policeReference":"BENCH/{{reference}}","forceCode":"{{force}}","disposalType":"DiversionaryCaution","disposalDate":"{{Day(-3)}}",
             "officer":{"name":"PC Jane Hollis","collarNumber":"HC1234","email":"jane.hollis@police.example","phone":"01632 960000"},
             "offence":{"typeCode":"common-assault","date":"{{Day(-10)}}","relationship":"CurrentPartner"},
             "offender":{"givenName":"Daniel","familyName":"Marsh-{{reference}}","dateOfBirth":"1990-05-14","sex":"Male","addressLine1":"2 High Street",
               "town":"Southampton","postcode":"SO14 5GL","phone":"07700 900456","email":"daniel.marsh@example.org","preferredLanguage":"en",
               "interpreterNeeded":false,"childrenInHousehold":true},
             "eligibility":{"onBail":false,"subjectToCourtOrderOrCommunitySentence":false,"evidenceOfCoerciveOrControllingBehaviour":false,
               "dash":{"score":4,"assessedLevel":"Standard"},"victimViewsRecorded":true,"specificRiskToVictimFromCaution":false,
               "tenantAnswers":{{Answers}} },
             "victim":{"givenName":"Victoria","familyName":"Vale-{{reference}}","relationship":"CurrentPartner","safeContactMethod":"Phone",
               "phone":"07700 900123","contactConsented":true} }
            """;
    }
}
