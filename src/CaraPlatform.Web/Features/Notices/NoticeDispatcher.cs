using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// Moves police notices (made from the tenant event stream by <see cref="PoliceNoticeConsumer"/>) out of
/// <c>police_notices</c>: into the SPOC inbox, and to the tenant's webhook when it has one.
/// <para>
/// Safe with any number of instances: each round claims due notices with a lease in one statement
/// (<c>FOR UPDATE SKIP LOCKED</c>), so two instances never work the same notice at once; every later write is also
/// checked against the row version. A crash before the send loses nothing (the notice waits until its lease runs
/// out); a crash after the send but before it is marked sends the same event id again, which receivers deduplicate
/// on. The inbox is marked before the send, so it gets each notice once whatever happens to the webhook.
/// </para>
/// </summary>
/// <summary>
/// Tenants with notices to move: a trigger on <c>police_notices</c> notifies <see cref="ChannelName"/> when a notice is
/// written waiting for the inbox or the webhook. A retry falls due with time, so a round visits every tenant each
/// backoff base (the shortest wait before a retry).
/// </summary>
public sealed class PoliceNoticeSignal(TimeProvider clock, IOptions<NoticeDispatchOptions> options) : TenantSignal(clock)
{
    public const string ChannelName = "cara_police_notices";

    public override string Channel => ChannelName;

    protected override TimeSpan SweepInterval => options.Value.BackoffBase;
}

public sealed partial class NoticeDispatcher(
    IDbContextFactory<CaraDbContext> contexts,
    TenantRunner tenants,
    PoliceNoticeSignal signal,
    IHttpClientFactory httpClients,
    WebhookSecrets secrets,
    AuditTrail audit,
    IOptions<NoticeDispatchOptions> options,
    TimeProvider clock,
    ILogger<NoticeDispatcher> logger) : PollingService(logger)
{
    public const string HttpClientName = "cara-webhooks";

    private NoticeDispatchOptions Options => options.Value;

    protected override bool Enabled => Options.Enabled;

    protected override string EnabledSetting => $"{NoticeDispatchOptions.Section}:Enabled";

    protected override TimeSpan PollInterval => Options.PollInterval;

    protected override TimeProvider Clock => clock;

    // In the background a round visits the tenants told of by the signal (every tenant at a sweep). A full batch means
    // more may be waiting: go again at once, over every tenant, rather than after the poll interval.
    protected override async Task<bool> RoundAsync(CancellationToken cancellationToken)
    {
        if (signal.TakeRound() is not { } told) return false;
        if ((await RunOnceAsync(told, cancellationToken)).Claimed < Options.BatchSize) return false;
        signal.SweepNext();
        return true;
    }

    /// <summary>One round over every active tenant. Public so that tests (and tools) can drive rounds one at a time.</summary>
    public Task<DispatchRound> RunOnceAsync(CancellationToken cancellationToken = default) => RunOnceAsync(_ => true, cancellationToken);

    private async Task<DispatchRound> RunOnceAsync(Func<CaraTenantInfo, bool> told, CancellationToken cancellationToken)
    {
        var only = Options.Tenants;
        var run = await tenants.RunAsync("Dispatching police notices", (tenant, _, ct) => DispatchTenantAsync(tenant, ct),
            t => (only.Count == 0 || only.Contains(t.Identifier)) && told(t), cancellationToken);
        var round = new DispatchRound();
        foreach (var (_, tenantRound) in run.Results) round.Add(tenantRound);
        return round;
    }

    private async Task<DispatchRound> DispatchTenantAsync(CaraTenantInfo tenant, CancellationToken cancellationToken)
    {
        var round = new DispatchRound();
        var leasedUntil = ToDatabasePrecision(clock.GetUtcNow() + Options.Lease);
        var claimed = await ClaimAsync(tenant, leasedUntil, cancellationToken);
        round.Claimed = claimed.Count;
        foreach (var noticeId in claimed)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                round.Add(await DispatchNoticeAsync(tenant, noticeId, leasedUntil, cancellationToken));
            }
            catch (DbUpdateConcurrencyException)
            {
                // Our lease ran out and another instance took the notice over: it is theirs now.
                LogLostLease(tenant.Identifier, noticeId);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Left leased: another round takes it up again once the lease runs out.
                LogNoticeFailed(ex, tenant.Identifier, noticeId);
            }
        }

        return round;
    }

    /// <summary>
    /// Claims due notices of the tenant in one statement. Row-level security limits both the scan and the update to the
    /// tenant of the scope, and the statement names it too, as every statement on a tenant table does (DESIGN §2); SKIP
    /// LOCKED lets a concurrent instance claim other rows instead of waiting.
    /// </summary>
    private async Task<List<Guid>> ClaimAsync(CaraTenantInfo tenant, DateTimeOffset leasedUntil, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var pending = nameof(WebhookDeliveryState.Pending);
        return await db.Database.SqlQuery<Guid>($"""
            UPDATE police_notices SET leased_until = {leasedUntil}
            WHERE tenant_id = {tenant.TenantId} AND id IN (
                SELECT id FROM police_notices
                WHERE tenant_id = {tenant.TenantId}
                  AND (inbox_delivered_at IS NULL
                       OR (webhook_state = {pending} AND (next_attempt_at IS NULL OR next_attempt_at <= {now})))
                  AND (leased_until IS NULL OR leased_until <= {now})
                ORDER BY occurred_at
                LIMIT {Options.BatchSize}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    private async Task<DispatchRound> DispatchNoticeAsync(CaraTenantInfo tenant, Guid noticeId, DateTimeOffset leasedUntil, CancellationToken cancellationToken)
    {
        var round = new DispatchRound();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var notice = await db.PoliceNotices.SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);
        if (notice is null || notice.LeasedUntil != leasedUntil) return round; // claimed again by another instance since

        var now = clock.GetUtcNow();
        if (notice.InboxDeliveredAt is null)
        {
            notice.InboxDeliveredAt = now;
            audit.Stage(db, new AuditEntry(AuditActions.NoticeSent, "success", tenant.TenantId, Subject: AuditEntries.Referral(notice.ReferralId),
                Detail: $"{notice.Type} notice delivered to the police"));
            round.Inboxed++;
        }

        var webhook = tenant.Settings.Notifications.Webhook;
        if (notice.WebhookState != WebhookDeliveryState.Pending || notice.NextAttemptAt > now)
        {
            notice.LeasedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            return round;
        }

        if (webhook is not { Enabled: true })
        {
            notice.WebhookState = WebhookDeliveryState.NotConfigured;
            notice.LeasedUntil = null;
            await db.SaveChangesAsync(cancellationToken);
            return round;
        }

        // The inbox does not wait for a slow receiver.
        await db.SaveChangesAsync(cancellationToken);
        if (clock.GetUtcNow() + Options.RequestTimeout >= leasedUntil)
            return round; // too close to the end of the lease: another round sends it, without two senders at once

        var attempt = await SendAsync(db, notice, webhook, cancellationToken);
        db.WebhookDeliveryAttempts.Add(attempt.Record);
        notice.WebhookAttempts++;
        var after = clock.GetUtcNow();
        if (attempt.Record.Succeeded)
        {
            notice.WebhookState = WebhookDeliveryState.Delivered;
            notice.WebhookDeliveredAt = after;
            notice.NextAttemptAt = null;
            round.Delivered++;
        }
        else if (attempt.Permanent || notice.WebhookAttempts >= Options.MaxAttempts)
        {
            notice.WebhookState = WebhookDeliveryState.Failed;
            notice.NextAttemptAt = null;
            round.Failed++;
            LogDeliveryFailed(tenant.Identifier, notice.Id, notice.WebhookAttempts, attempt.Record.Error);
        }
        else
        {
            notice.NextAttemptAt = after + Options.BackoffAfter(notice.WebhookAttempts);
            round.Retrying++;
        }

        notice.LeasedUntil = null;
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }

    private async Task<(WebhookDeliveryAttempt Record, bool Permanent)> SendAsync(
        CaraDbContext db, PoliceNotice notice, WebhookSettings webhook, CancellationToken cancellationToken)
    {
        // Numbered across replays too, so the log keeps every attempt ever made.
        var number = (await db.WebhookDeliveryAttempts.Where(a => a.NoticeId == notice.Id).MaxAsync(a => (int?)a.Attempt, cancellationToken) ?? 0) + 1;
        var url = webhook.Url.ToString();
        var started = clock.GetTimestamp();
        var attemptedAt = clock.GetUtcNow();

        WebhookDeliveryAttempt Record(int? status, bool succeeded, string? error) => new()
        {
            NoticeId = notice.Id,
            Attempt = number,
            AttemptedAt = attemptedAt,
            Url = url.Length > 2000 ? url[..2000] : url,
            StatusCode = status,
            Succeeded = succeeded,
            Error = error is { Length: > WebhookDeliveryAttempt.ErrorMaxLength } ? error[..WebhookDeliveryAttempt.ErrorMaxLength] : error,
            DurationMs = (int)Math.Min(int.MaxValue, clock.GetElapsedTime(started).TotalMilliseconds),
        };

        if (!WebhookSettings.IsAllowedReceiver(webhook.Url))
            return (Record(null, false, "The webhook URL must use https (plain http only to a loopback address such as 127.0.0.1)."), true);
        if (secrets.Find(webhook.SecretName) is not { } secret)
            return (Record(null, false, $"The signing secret {webhook.SecretName} is not configured (Webhooks:Secrets:{webhook.SecretName})."), false);

        var timestamp = attemptedAt.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new ByteArrayContent(Encoding.UTF8.GetBytes(notice.Payload)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookSignature.EventIdHeader, notice.Id.ToString("D"));
        request.Headers.Add(WebhookSignature.EventTypeHeader, notice.Type.EventName());
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, notice.Payload));

        var http = httpClients.CreateClient(HttpClientName);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Options.RequestTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return response.IsSuccessStatusCode
                ? (Record(status, true, null), false)
                : (Record(status, false, $"The receiver answered {status} {response.ReasonPhrase}."), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (Record(null, false, $"No answer within {Options.RequestTimeout.TotalSeconds:0.#} s."), false);
        }
        catch (HttpRequestException ex)
        {
            return (Record(null, false, ex.Message), false);
        }
    }

    /// <summary>PostgreSQL keeps microseconds: the lease read back must equal the lease written.</summary>
    private static DateTimeOffset ToDatabasePrecision(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);

    [LoggerMessage(LogLevel.Error, "Dispatching notice {NoticeId} of tenant {Tenant} failed; it is retried once its lease runs out.")]
    private partial void LogNoticeFailed(Exception exception, string tenant, Guid noticeId);

    [LoggerMessage(LogLevel.Warning, "Notice {NoticeId} of tenant {Tenant} was taken over by another dispatcher after this one's lease ran out.")]
    private partial void LogLostLease(string tenant, Guid noticeId);

    [LoggerMessage(LogLevel.Warning, "Webhook delivery of notice {NoticeId} of tenant {Tenant} failed after {Attempts} attempts: {Error}")]
    private partial void LogDeliveryFailed(string tenant, Guid noticeId, int attempts, string? error);
}

/// <summary>What one round (or part of one) did.</summary>
public sealed class DispatchRound
{
    public int Claimed { get; set; }

    public int Inboxed { get; set; }

    public int Delivered { get; set; }

    public int Retrying { get; set; }

    public int Failed { get; set; }

    internal void Add(DispatchRound other)
    {
        Claimed += other.Claimed;
        Inboxed += other.Inboxed;
        Delivered += other.Delivered;
        Retrying += other.Retrying;
        Failed += other.Failed;
    }
}
