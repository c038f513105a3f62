using System.Diagnostics;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Load at a fixed rate (open loop: a request leaves on time whether or not earlier ones have answered), for latency at a
/// given throughput, such as half of the maximum wrk measured. wrk keeps its connections busy and so measures the most
/// the host serves; people and integrators arrive at their own pace, which this imitates.
/// </summary>
internal static class Paced
{
    public static async Task<(int Requests, int Errors, double P50Ms, double P99Ms, double MaxMs)> RunAsync(
        BenchOptions options, IReadOnlyList<(string Path, string Token)> targets, double rate, int seconds)
    {
        using var client = BenchHttp.Client(options);
        var latencies = new List<double>();
        var errors = 0;
        var pending = new List<Task>();
        var interval = TimeSpan.FromSeconds(1 / rate);
        var start = Stopwatch.GetTimestamp();
        var total = (int)(rate * seconds);
        for (var i = 0; i < total; i++)
        {
            var due = TimeSpan.FromTicks(interval.Ticks * i) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.Zero) await Task.Delay(due);
            var (path, token) = targets[Random.Shared.Next(targets.Count)];
            pending.Add(Task.Run(async () =>
            {
                var sent = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Get, path);
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await client.SendAsync(request);
                var elapsed = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                lock (latencies)
                {
                    latencies.Add(elapsed);
                    if (!response.IsSuccessStatusCode) errors++;
                }
            }));
        }

        await Task.WhenAll(pending);
        latencies.Sort();
        double At(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        return (latencies.Count, errors, At(0.5), At(0.99), latencies[^1]);
    }
}
