using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Platform.Mail;

/// <summary>
/// Sends what features staged with <see cref="Mailbox"/>. Each round claims due unsent messages in one statement
/// (<c>FOR UPDATE SKIP LOCKED</c>) by moving their next attempt to the end of a lease, so any number of instances may
/// run it and none sends a message another holds; each is then marked sent, or its attempt counted with the error and
/// retried after a backoff. Nothing is ever dropped: a message waits until the mail server takes it, and a crash
/// between sending and marking only sends it again once the lease runs out (with the same Message-ID).
/// </summary>
public sealed partial class MailDispatcher(
    IDbContextFactory<CaraDbContext> contexts,
    Mailbox mailbox,
    IMailTransport transport,
    IOptions<MailDispatchOptions> options,
    TimeProvider clock,
    ILogger<MailDispatcher> logger) : PollingService(logger)
{
    private MailDispatchOptions Options => options.Value;

    protected override bool Enabled => Options.Enabled;

    protected override string EnabledSetting => $"{MailDispatchOptions.Section}:Enabled";

    protected override TimeSpan PollInterval => Options.PollInterval;

    protected override TimeProvider Clock => clock;

    // A full batch means more may be waiting: go again at once rather than after the poll interval.
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken) =>
        await RunOnceAsync(cancellationToken) >= Options.BatchSize;

    /// <summary>One round; the number of messages claimed. Public so that tests can drive rounds one at a time.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var leasedUntil = ToDatabasePrecision(now + Options.Lease);
        var claimed = await db.Database.SqlQuery<Guid>($"""
            UPDATE outgoing_mail SET next_attempt_at = {leasedUntil}
            WHERE id IN (
                SELECT id FROM outgoing_mail
                WHERE sent_at IS NULL AND next_attempt_at <= {now}
                ORDER BY next_attempt_at
                LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
        foreach (var id in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await SendAsync(db, id, leasedUntil, cancellationToken);
        }

        return claimed.Count;
    }

    private async Task SendAsync(CaraDbContext db, Guid id, DateTimeOffset leasedUntil, CancellationToken cancellationToken)
    {
        var mail = await db.OutgoingMail.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        string? error = null;
        try
        {
            await transport.SendAsync(id, mailbox.MessageOf(mail), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            error = $"{ex.GetType().Name}: {ex.Message}";
            LogFailed(ex, mail.Kind, id, mail.Attempts + 1);
        }

        var now = clock.GetUtcNow();
        var retryAt = now + Options.BackoffAfter(mail.Attempts + 1);
        // Only while the lease is ours: after it ran out another instance owns the message and its outcome.
        var marked = await db.OutgoingMail.Where(m => m.Id == id && m.NextAttemptAt == leasedUntil && m.SentAt == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                .SetProperty(m => m.SentAt, error is null ? now : (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, error is null ? null : error[..Math.Min(error.Length, 1000)])
                .SetProperty(m => m.NextAttemptAt, error is null ? leasedUntil : retryAt), cancellationToken);
        if (marked == 0) LogLostLease(id);
    }

    /// <summary>PostgreSQL keeps microseconds: the lease read back must equal the lease written.</summary>
    private static DateTimeOffset ToDatabasePrecision(DateTimeOffset value) => new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    [LoggerMessage(LogLevel.Warning, "Sending mail {MailId} ({Kind}) failed at attempt {Attempt}; it is retried after a backoff.")]
    private partial void LogFailed(Exception exception, string kind, Guid mailId, int attempt);

    [LoggerMessage(LogLevel.Warning, "Mail {MailId} was taken over by another dispatcher after this one's lease ran out.")]
    private partial void LogLostLease(Guid mailId);
}
