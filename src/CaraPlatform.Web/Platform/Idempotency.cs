using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using CaraPlatform.Infrastructure.Idempotency;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenIddict.Abstractions;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CaraPlatform.Web.Platform;

/// <summary>What a POST handler produced: a success to store and replay, or a refusal to pass straight through.</summary>
public sealed record IdempotentOutcome(int StatusCode, object? Body, string? Location, IResult? Refusal = null)
{
    public static IdempotentOutcome Created(object body, string location) => new(StatusCodes.Status201Created, body, location);

    public static IdempotentOutcome Refused(IResult refusal) => new(0, null, null, refusal);
}

/// <summary>
/// The Idempotency-Key header on POST: the same key and body replay the first answer; the same key with another
/// body is 422. The key's row is inserted first, in the transaction of the change itself, so concurrent retries
/// queue on the unique index and then replay what the first one committed: twenty racing POSTs make one referral.
/// </summary>
public sealed class Idempotency(CaraDbContext db, IOptions<JsonOptions> json, TimeProvider clock)
{
    public const string Header = "Idempotency-Key";

    /// <summary>How long a key's first answer is kept; after that the key may be used afresh.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task<IResult> RunAsync<TRequest>(
        HttpContext http, string operation, TRequest request, Func<CancellationToken, Task<IdempotentOutcome>> handler)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(handler);
        var cancellationToken = http.RequestAborted;
        var key = http.Request.Headers[Header].ToString();
        if (key.Length == 0)
            return Answer(await handler(cancellationToken));
        if (key.Length > IdempotencyRecord.KeyMaxLength || key.Any(char.IsControl))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [Header] = [$"'{Header}' must be at most {IdempotencyRecord.KeyMaxLength} printable characters."],
            });

        var callerId = http.User.FindFirst(OpenIddictConstants.Claims.Subject)?.Value ?? "anonymous";
        var hash = Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, json.Value.SerializerOptions)));

        // Expired answers go as keys are used, so the table holds about a day of keys per tenant (indexed by created_at).
        var cutoff = clock.GetUtcNow() - Retention;
        await db.IdempotencyRecords.Where(r => r.CreatedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        if (await FindAsync(callerId, operation, key, cancellationToken) is { } earlier)
            return Replay(http, earlier, hash);

        var record = new IdempotencyRecord { CallerId = callerId, Operation = operation, Key = key, RequestHash = hash, CreatedAt = clock.GetUtcNow() };
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
            {
                // Another request with this key committed while we waited on the index: answer as it did.
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return Replay(http, (await FindAsync(callerId, operation, key, cancellationToken))!, hash);
            }

            var outcome = await handler(cancellationToken);
            if (outcome.Refusal is not null)
            {
                // A refusal changes nothing, so a retry is simply judged again.
                await transaction.RollbackAsync(cancellationToken);
                return outcome.Refusal;
            }

            record.StatusCode = outcome.StatusCode;
            record.ResponseBody = JsonSerializer.Serialize(outcome.Body, json.Value.SerializerOptions);
            record.Location = outcome.Location;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Answer(outcome);
        }
    }

    private Task<IdempotencyRecord?> FindAsync(string callerId, string operation, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.AsNoTracking()
            .SingleOrDefaultAsync(r => r.CallerId == callerId && r.Operation == operation && r.Key == key, cancellationToken);

    private static IResult Replay(HttpContext http, IdempotencyRecord earlier, string hash)
    {
        if (earlier.RequestHash != hash)
            return TypedResults.Problem(
                statusCode: StatusCodes.Status422UnprocessableEntity,
                title: "This Idempotency-Key was used with a different request",
                detail: "Use a new key for a new request; resend the original body to get the original answer.",
                extensions: new Dictionary<string, object?> { ["field"] = Header });
        http.Response.Headers[ReplayedHeader] = "true";
        if (earlier.Location is not null) http.Response.Headers.Location = earlier.Location;
        return Results.Text(earlier.ResponseBody ?? "null", "application/json", Encoding.UTF8, earlier.StatusCode);
    }

    private static IResult Answer(IdempotentOutcome outcome)
    {
        if (outcome.Refusal is not null) return outcome.Refusal;
        var body = Results.Json(outcome.Body, statusCode: outcome.StatusCode);
        return outcome.Location is null ? body : new WithLocation(body, outcome.Location);
    }

    private sealed class WithLocation(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
