namespace CaraPlatform.Infrastructure.Idempotency;

/// <summary>
/// The first answer to a POST sent with an Idempotency-Key, kept so a retry with the same key and body gets the same
/// answer and a retry with another body is refused. The unique index on (tenant, caller, operation, key) makes
/// concurrent retries wait for the first to commit.
/// </summary>
public sealed class IdempotencyRecord : ITenantOwned
{
    public const int KeyMaxLength = 255;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>The client id or user id: one caller's keys never collide with another's.</summary>
    public required string CallerId { get; init; }

    /// <summary>Which endpoint the key was used on, e.g. "CreateReferral".</summary>
    public required string Operation { get; init; }

    public required string Key { get; init; }

    /// <summary>SHA-256 of the request as bound, in hex: the same meaning with other whitespace is the same body.</summary>
    public required string RequestHash { get; init; }

    public int StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; init; }
}
