using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The webhook signature, scheme <c>v1</c>. Integrators may copy this class as it is: it needs only the base library.
/// <para>
/// Each POST carries <c>Cara-Timestamp</c> (Unix seconds when it was sent) and
/// <c>Cara-Signature: v1=&lt;hex&gt;</c>, where hex is the lower-case HMAC-SHA256, keyed with the UTF-8 bytes of the
/// tenant's signing secret, of the UTF-8 bytes of <c>{timestamp}.{body}</c>: the timestamp header's value, a full
/// stop, and the request body exactly as received (verify before parsing the JSON).
/// </para>
/// <para>
/// A receiver checks the signature in constant time and refuses a timestamp further than a tolerance (five minutes by
/// default) from its own clock, so that a captured request cannot be replayed later. Retries are signed afresh with
/// a new timestamp; the event id (<c>Cara-Event-Id</c>, also <c>eventId</c> in the body) stays the same, so a
/// receiver deduplicates on it. During a secret rotation the header may list several signatures separated by
/// commas; one valid signature is enough.
/// </para>
/// </summary>
public static class WebhookSignature
{
    public const string Scheme = "v1";
    public const string SignatureHeader = "Cara-Signature";
    public const string TimestampHeader = "Cara-Timestamp";
    public const string EventIdHeader = "Cara-Event-Id";
    public const string EventTypeHeader = "Cara-Event-Type";

    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    /// <summary>The <c>Cara-Signature</c> header value for a body sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, string body) =>
        $"{Scheme}={Convert.ToHexStringLower(Mac(secret, timestamp.ToString(CultureInfo.InvariantCulture), body))}";

    /// <summary>
    /// True when <paramref name="signatureHeader"/> holds a valid v1 signature of <paramref name="body"/> and
    /// <paramref name="timestampHeader"/> is within <paramref name="tolerance"/> of <paramref name="now"/>.
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

        var expected = Mac(secret, timestampHeader!, body);
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

    private static byte[] Mac(string secret, string timestamp, string body) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}"));
}
