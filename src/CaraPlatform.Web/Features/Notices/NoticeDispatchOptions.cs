using System.ComponentModel.DataAnnotations;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>How the notice dispatcher works, bound from <c>Notices:Dispatch</c>.</summary>
public sealed class NoticeDispatchOptions
{
    public const string Section = "Notices:Dispatch";

    /// <summary>
    /// False stops this instance's dispatcher (another instance, or a test driving rounds itself, does the work).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Slugs of the tenants this instance dispatches for; empty means every active tenant. Lets a deployment split
    /// the work, and lets tests keep their dispatchers to the tenants they own.
    /// </summary>
    public IList<string> Tenants { get; set; } = [];

    /// <summary>The pause between rounds when a round found nothing more to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Notices claimed per tenant per round.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>Webhook attempts before a notice is marked Failed (a ProviderAdmin may replay it).</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long the receiver has to answer one POST.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed batch is this instance's alone. It must outlast sending the whole batch, or another
    /// instance could claim a notice that is still being sent (which would only cost a duplicate, never a loss).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: base × 2^(failures − 1), capped.</summary>
    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        var ticks = Math.Min(BackoffBase.Ticks * Math.Pow(2, exponent), BackoffCap.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    internal IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (BackoffBase <= TimeSpan.Zero) yield return "BackoffBase must be positive.";
        if (BackoffCap < BackoffBase) yield return "BackoffCap must be at least BackoffBase.";
        if (RequestTimeout <= TimeSpan.Zero) yield return "RequestTimeout must be positive.";
        if (Lease <= RequestTimeout * BatchSize)
            yield return "Lease must be longer than RequestTimeout × BatchSize, so a batch is sent before its lease runs out.";
    }
}
