using System.Diagnostics;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// The referral deadline job over every tenant's open referrals, timed as its own process
/// (<c>CaraPlatform.Web.dll check-deadlines</c>, one round, as an operator would run it) against the bench's database:
/// the first round does the day's work the seed left, the second finds nothing new.
/// </summary>
internal static class DeadlineCheck
{
    public static async Task<List<ScenarioResult>> RunAsync(BenchOptions options, long rows)
    {
        var results = new List<ScenarioResult>();
        foreach (var round in new[] { "the day's work", "nothing new" })
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList = { options.HostDll, "check-deadlines" },
                Environment =
                {
                    ["ConnectionStrings__Cara"] = options.AppConnectionString,
                    ["ConnectionStrings__CaraOwner"] = options.OwnerConnectionString,
                    ["ASPNETCORE_ENVIRONMENT"] = "Development",
                    ["ASPNETCORE_CONTENTROOT"] = options.HostContentRoot,
                    ["Logging__LogLevel__Default"] = "Warning",
                },
            };
            var watch = Stopwatch.StartNew();
            using var check = Process.Start(start) ?? throw new InvalidOperationException("The deadline check did not start");
            var output = check.StandardOutput.ReadToEndAsync();
            var errors = check.StandardError.ReadToEndAsync();
            using (var limit = new CancellationTokenSource(TimeSpan.FromMinutes(options.Quick ? 2 : 15)))
            {
                try
                {
                    await check.WaitForExitAsync(limit.Token);
                }
                catch (OperationCanceledException)
                {
                    check.Kill(entireProcessTree: true);
                    throw new TimeoutException($"The deadline check ran past its limit: {await output} {await errors}");
                }
            }
            var seconds = watch.Elapsed.TotalSeconds;
            var line = (await output).Split('\n').LastOrDefault(l => l.StartsWith("Deadline check", StringComparison.Ordinal))?.Trim() ?? (await output).Trim();
            Console.WriteLine($"  Deadline job over {rows:N0} referrals ({round}): {seconds:0.0} s with the process's start; {line}" +
                (check.ExitCode != 0 ? $"; exit {check.ExitCode}: {await errors}" : ""));
            results.Add(new ScenarioResult($"Deadline job, one round ({round})", 1, check.ExitCode == 0 ? 0 : 1, seconds * 1000, seconds * 1000,
                seconds * 1000, ScaleSeed.Tenants, rows, Measure.HostWorkingSetMb(options)));
        }

        return results;
    }
}
