using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaraPlatform.Client;

/// <summary>
/// The check a webhook receiver makes before trusting a police notice (scheme <c>v1</c>; docs/integrators.md shows a
/// whole receiver).
/// <para>
/// Each POST carries <c>Cara-Timestamp</c> (Unix seconds when it was sent) and <c>Cara-Signature: v1=&lt;hex&gt;</c>,
/// where hex is the lower-case HMAC-SHA256, keyed with the UTF-8 bytes of the tenant's signing secret, of the UTF-8
/// bytes of <c>{timestamp}.{body}</c>: verify the body exactly as received, before parsing the JSON. A timestamp further
/// than the tolerance (five minutes by default) from the receiver's clock is refused, so that a captured request cannot
/// be replayed later. During a secret rotation the header may list several signatures separated by commas; one valid
/// signature is enough. Retries carry the same <c>Cara-Event-Id</c>: deduplicate on it.
/// </para>
/// </summary>
public static class CaraWebhookSignature
{
    /// <summary>The signature scheme, before the <c>=</c> of each signature in the header.</summary>
    public const string Scheme = "v1";

    /// <summary>The header holding the signatures.</summary>
    public const string SignatureHeader = "Cara-Signature";

    /// <summary>The header holding when the POST was sent, in Unix seconds.</summary>
    public const string TimestampHeader = "Cara-Timestamp";

    /// <summary>The header holding the event's id, the same on every retry and replay: deduplicate on it.</summary>
    public const string EventIdHeader = "Cara-Event-Id";

    /// <summary>The header holding the event's type, such as <c>referral.returned-ineligible</c>.</summary>
    public const string EventTypeHeader = "Cara-Event-Type";

    /// <summary>How far the timestamp may be from the receiver's clock, unless <see cref="Verify"/> is told otherwise.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True when <paramref name="signatureHeader"/> holds a valid v1 signature of <paramref name="body"/> with
    /// <paramref name="secret"/>, and <paramref name="timestampHeader"/> is within <paramref name="tolerance"/> of
    /// <paramref name="now"/>. Compared in constant time.
    /// </summary>
    public static bool Verify(
        string secret, string? signatureHeader, string? timestampHeader, string body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        if (string.IsNullOrEmpty(signatureHeader)
            || !long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
            return false;
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, DateTimeOffset.MaxValue.ToUnixTimeSeconds()));
        if ((now - sentAt).Duration() > (tolerance ?? DefaultTolerance)) return false;

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampHeader}.{body}"));
        foreach (var part in signatureHeader.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!part.StartsWith(Scheme + "=", StringComparison.Ordinal)) continue;
            byte[] given;
            try
            {
                given = Convert.FromHexString(part.AsSpan(Scheme.Length + 1));
            }
            catch (FormatException)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(given, expected)) return true;
        }

        return false;
    }
}
