using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CaraPlatform.Infrastructure.Hosting;

/// <summary>
/// A background service that works in rounds: a round, then a pause of <see cref="PollInterval"/> unless the round
/// says more is waiting. A failed round is logged and the next one comes after the pause; stopping the host ends the
/// loop inside a round or between two.
/// </summary>
public abstract partial class PollingService(ILogger logger) : BackgroundService
{
    /// <summary>False where another instance does the work, or a test drives rounds itself.</summary>
    protected abstract bool Enabled { get; }

    /// <summary>The setting that turns the service off, for the log.</summary>
    protected abstract string EnabledSetting { get; }

    protected abstract TimeSpan PollInterval { get; }

    protected abstract TimeProvider Clock { get; }

    /// <summary>One round; true when more work may be waiting, so the next round starts at once.</summary>
    protected abstract Task<bool> RoundAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            LogDisabled(GetType().Name, EnabledSetting);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RoundAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRoundFailed(ex, GetType().Name);
            }

            try
            {
                if (!busy) await Task.Delay(PollInterval, Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(LogLevel.Information, "{Service} is disabled ({Setting}=false) on this instance.")]
    private partial void LogDisabled(string service, string setting);

    [LoggerMessage(LogLevel.Error, "A {Service} round failed; the next one starts after the poll interval.")]
    private partial void LogRoundFailed(Exception exception, string service);
}
