using System.Diagnostics;
using System.Globalization;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// <c>check-deadlines</c>: one round of the deadline job over every active tenant, then exit, so that an operator (or
/// the benchmark) can run and time a round against a real database without a serving host. Exits 1 when a tenant's
/// check failed; the others' notices are raised and saved all the same.
/// </summary>
public sealed class CheckDeadlinesCommand(ReferralDeadlineJob job, ILogger<CheckDeadlinesCommand> logger) : IHostCommand
{
    /// <summary>Arguments given: the command takes none (sysexits' EX_USAGE).</summary>
    public const int UsageExitCode = 64;

    public string Name => "check-deadlines";

    public async Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        if (arguments.Count > 0)
        {
            await Console.Error.WriteLineAsync("usage: check-deadlines");
            return UsageExitCode;
        }

        var started = Stopwatch.GetTimestamp();
        var round = await job.RunRoundAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Deadline check: {round.Results.Count + round.Failures.Count} tenants, {round.Results.Sum(r => r.Result.NoticesRaised)} notices raised, " +
            $"{round.Results.Sum(r => r.Result.Examined)} referrals examined in {elapsed.TotalSeconds:0.00} s"));
        if (round.Failures.Count == 0) return 0;
        logger.LogError("The deadline check failed for {Tenants}: their referrals are checked again next round",
            string.Join(", ", round.Failures.Select(f => f.Tenant.Identifier)));
        return 1;
    }
}
