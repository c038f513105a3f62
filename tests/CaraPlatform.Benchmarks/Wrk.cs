using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CaraPlatform.Benchmarks;

/// <summary>One request wrk may send: method, path, headers and body. <c>{n}</c> in the body or a header becomes a number unique to the run.</summary>
internal sealed record WrkTarget(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string? Body = null);

/// <summary>What wrk measured (../shared/wrk-json.lua's line), in requests per second and milliseconds.</summary>
internal sealed record WrkResult(long Requests, long Errors, double Rps, double P50Ms, double P90Ms, double P99Ms, double MaxMs);

/// <summary>
/// Drives load with wrk (apt): a Lua script picks a random target per request (so tokens and tenants vary), numbers
/// each request for idempotency keys and references, and prints one JSON line through ../shared/wrk-json.lua.
/// </summary>
internal static class Wrk
{
    public static async Task<WrkResult> RunAsync(string baseUrl, IReadOnlyList<WrkTarget> targets, BenchOptions options, int connections, int? seconds = null)
    {
        var script = Path.Combine(Path.GetTempPath(), $"cara-bench-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, Script(targets) + await File.ReadAllTextAsync(options.WrkJsonLua));
        try
        {
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { "-t1", $"-c{connections}", $"-d{seconds ?? options.LoadSeconds}s", "--timeout", "10s", "-s", script, baseUrl },
            };
            using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
            var output = await wrk.StandardOutput.ReadToEndAsync();
            var errors = await wrk.StandardError.ReadToEndAsync();
            await wrk.WaitForExitAsync();
            var line = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith('{'))
                ?? throw new InvalidOperationException($"wrk printed no result: {output} {errors}");
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            double Ms(string name) => root.GetProperty(name).GetDouble() / 1000.0;
            // wrk counts non-2xx/3xx answers apart from socket errors; both are errors here.
            var non2xx = output.Split('\n').Where(l => l.Contains("Non-2xx or 3xx responses", StringComparison.Ordinal))
                .Select(l => long.Parse(l.Split(':')[1].Trim(), CultureInfo.InvariantCulture)).Sum();
            var failed = Math.Max(root.GetProperty("errors").GetInt64(), non2xx);
            if (failed > 0) Console.WriteLine($"    wrk against {baseUrl} saw errors:\n{output}");
            return new WrkResult(root.GetProperty("requests").GetInt64(), failed,
                root.GetProperty("rps").GetDouble(), Ms("p50_us"), Ms("p90_us"), Ms("p99_us"), Ms("max_us"));
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string Script(IReadOnlyList<WrkTarget> targets)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local targets = {");
        foreach (var t in targets)
        {
            var headers = string.Join(", ", t.Headers.Concat(BenchHttp.ProxyHeaders).Select(h => $"[{Quote(h.Key)}] = {Quote(h.Value)}"));
            lua.AppendLine(CultureInfo.InvariantCulture, $"  {{ method = {Quote(t.Method)}, path = {Quote(t.Path)}, headers = {{ {headers} }}, body = {(t.Body is null ? "nil" : Quote(t.Body))} }},");
        }

        lua.AppendLine("}");
        lua.AppendLine("""
            local run = tostring(os.time()) .. tostring(math.random(100000, 999999))
            local n = 0
            math.randomseed(os.time())
            request = function()
              n = n + 1
              local t = targets[math.random(#targets)]
              local unique = run .. n
              local headers = {}
              for k, v in pairs(t.headers) do headers[k] = string.gsub(v, "{n}", unique) end
              local body = t.body and string.gsub(t.body, "{n}", unique) or nil
              return wrk.format(t.method, t.path, headers, body)
            end
            """);
        return lua.ToString();
    }

    private static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
