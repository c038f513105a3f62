using System.Collections.Concurrent;
using System.Globalization;
using CaraPlatform.Infrastructure.Hosting;
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
/// <see cref="DatabaseNotifications.CatchUpInterval"/> in case a notification was lost (a restart of the database). The list only holds the last
/// <see cref="IdentitySetup.AccessTokenLifetime"/>: any token issued before that has expired anyway.
/// </summary>
public sealed partial class TokenRevocations(IDbContextFactory<CaraDbContext> contexts, TimeProvider clock, ILogger<TokenRevocations> logger)
    : IDatabaseNotificationHandler
{
    public const string Channel = "cara_token_revocations";

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

    /// <summary>Reads the recent revocations (and forgets the old ones); a notification and the tests call it.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.GetUtcNow() - IdentitySetup.AccessTokenLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var recent = await db.TokenRevocations.AsNoTracking().Where(r => r.RevokedAt > since).ToListAsync(cancellationToken);
        foreach (var revocation in recent) Remember(revocation.Subject, revocation.RevokedAt);
        foreach (var old in _revoked.Where(r => r.Value <= since)) _revoked.TryRemove(old);
    }

    // Rows older than a token's lifetime refuse nothing any more: the periodic catch-up removes them.
    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        var since = clock.GetUtcNow() - IdentitySetup.AccessTokenLifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.TokenRevocations.Where(r => r.RevokedAt <= since).ExecuteDeleteAsync(cancellationToken);
    }

    // The latest revocation of a subject wins: a reload must not move its line back.
    private void Remember(string subject, DateTimeOffset at) => _revoked.AddOrUpdate(subject, at, (_, before) => before > at ? before : at);

    string IDatabaseNotificationHandler.Channel => Channel;

    void IDatabaseNotificationHandler.Notified(string payload) => _ = LoadQuietlyAsync(CancellationToken.None);

    Task IDatabaseNotificationHandler.CatchUpAsync(bool listeningStarted, CancellationToken cancellationToken) => CatchUpAsync(cancellationToken);

    private async Task LoadQuietlyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LoadAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            LogLoadFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading token revocations failed; they are read again within a minute")]
    private static partial void LogLoadFailed(ILogger logger, Exception exception);

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
