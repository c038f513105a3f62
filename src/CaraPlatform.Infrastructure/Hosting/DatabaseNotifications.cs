using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaraPlatform.Infrastructure.Hosting;

/// <summary>
/// Something a host keeps in memory that other hosts change: it hears of their changes through PostgreSQL's NOTIFY on
/// <see cref="Channel"/>, and catches up when a notification may have been lost.
/// </summary>
public interface IDatabaseNotificationHandler
{
    string Channel { get; }

    /// <summary>A notification on the channel (delivered when the notifying transaction committed).</summary>
    void Notified(string payload);

    /// <summary>
    /// After listening starts or starts again (<paramref name="listeningStarted"/>: notifications sent meanwhile are
    /// lost), and every <see cref="DatabaseNotifications.CatchUpInterval"/> in case the connection died without our knowing.
    /// </summary>
    Task CatchUpAsync(bool listeningStarted, CancellationToken cancellationToken);
}

/// <summary>
/// One listening connection per host for every <see cref="IDatabaseNotificationHandler"/>: it listens, lets each
/// handler catch up, then passes notifications on; when the database goes away it tries again every few seconds.
/// </summary>
public sealed partial class DatabaseNotifications(
    IDbContextFactory<CaraDbContext> contexts, IEnumerable<IDatabaseNotificationHandler> handlers, ILogger<DatabaseNotifications> logger)
    : BackgroundService
{
    public static readonly TimeSpan CatchUpInterval = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, IDatabaseNotificationHandler> _handlers = handlers.ToDictionary(h => h.Channel, StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_handlers.Count == 0) return;
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            connectionString = db.Database.GetConnectionString()!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                foreach (var channel in _handlers.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN {channel}", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                await CatchUpAsync(listeningStarted: true, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(CatchUpInterval, stoppingToken)) await CatchUpAsync(listeningStarted: false, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                LogListenFailed(logger, e);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(5), stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task CatchUpAsync(bool listeningStarted, CancellationToken cancellationToken)
    {
        foreach (var handler in _handlers.Values) await handler.CatchUpAsync(listeningStarted, cancellationToken);
    }

    private void Dispatch(string channel, string payload)
    {
        if (!_handlers.TryGetValue(channel, out var handler)) return;
        try
        {
            handler.Notified(payload);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or FormatException)
        {
            LogListenFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for database notifications failed; trying again shortly")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);
}
