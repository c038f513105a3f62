using System.Collections.Concurrent;
using System.Globalization;
using Npgsql;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// How a revocation reaches access tokens, which are checked by their signature alone (no database read per request).
/// Revoking a subject (a person whose sessions end, an integration client revoked) writes <c>token_revocations</c> and
/// refuses, from then on, every access token of that subject issued at or before that moment: at once on this host,
/// and on every other host as soon as PostgreSQL's NOTIFY on <see cref="Channel"/> reaches it, with a reload every
/// <see cref="Reload"/> in case a notification was lost (a restart of the database). The list only holds the last
/// <see cref="IdentitySetup.AccessTokenLifetime"/>: any token issued before that has expired anyway.
/// </summary>
public sealed partial class TokenRevocations(IDbContextFactory<CaraDbContext> contexts, TimeProvider clock, ILogger<TokenRevocations> logger)
    : BackgroundService
{
    public const string Channel = "cara_token_revocations";

    public static readonly TimeSpan Reload = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _revoked = new(StringComparer.Ordinal);

    /// <summary>Whether a token of <paramref name="subject"/> issued at <paramref name="issuedAt"/> has been revoked.</summary>
    public bool IsRevoked(string subject, DateTimeOffset issuedAt) => _revoked.TryGetValue(subject, out var at) && issuedAt <= at;

    /// <summary>Refuses the subject's access tokens issued until now, on every host.</summary>
    public async Task RevokeAsync(string subject, CancellationToken cancellationToken = default)
    {
        var at = clock.GetUtcNow();
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO token_revocations (subject, revoked_at) VALUES ({subject}, {at})
                ON CONFLICT (subject) DO UPDATE SET revoked_at = GREATEST(token_revocations.revoked_at, excluded.revoked_at);
                SELECT pg_notify({Channel}, {subject});
                """, cancellationToken);
        }

        Remember(subject, at);
    }

    /// <summary>Reads the recent revocations (and forgets the old ones); the listener and the tests call it.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow() - IdentitySetup.AccessTokenLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recent = await db.TokenRevocations.AsNoTracking().Where(r => r.RevokedAt > since).ToListAsync(cancellationToken);
        foreach (var revocation in recent) Remember(revocation.Subject, revocation.RevokedAt);
        foreach (var old in _revoked.Where(r => r.Value <= since)) _revoked.TryRemove(old);
        await db.TokenRevocations.Where(r => r.RevokedAt <= since).ExecuteDeleteAsync(cancellationToken);
    }

    // The latest revocation of a subject wins: a reload must not move its line back.
    private void Remember(string subject, DateTimeOffset at) => _revoked.AddOrUpdate(subject, at, (_, before) => before > at ? before : at);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        string connectionString;
        await using (var db = await contexts.CreateDbContextAsync(stoppingToken))
            connectionString = db.Database.GetConnectionString()!;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, _) => _ = LoadQuietlyAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                await LoadAsync(stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Reload, stoppingToken)) await LoadAsync(stoppingToken);
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

    private async Task LoadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException)
        {
            LogListenFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading token revocations failed; trying again shortly")]
    private static partial void LogListenFailed(ILogger logger, Exception exception);

    /// <summary>Refuses a revoked subject's access token while it is validated (after its signature and lifetime).</summary>
    public sealed class ValidationHandler(TokenRevocations revocations) : IOpenIddictValidationHandler<ValidateTokenContext>
    {
        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            if (context.Principal is { } principal && principal.GetClaim(OpenIddictConstants.Claims.Subject) is { } subject
                && IssuedAt(principal) is { } issuedAt && revocations.IsRevoked(subject, issuedAt))
            {
                context.Reject(OpenIddictConstants.Errors.InvalidToken, "The token was revoked.");
            }

            return default;
        }

        private static DateTimeOffset? IssuedAt(ClaimsPrincipal principal) =>
            long.TryParse(principal.GetClaim(CaraClaims.IssuedAt), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
                : principal.GetCreationDate();
    }
}
