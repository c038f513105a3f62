using System.ComponentModel.DataAnnotations;

namespace CaraPlatform.Web.Platform.Mail;

/// <summary>The mail server, bound from <c>Mail:Smtp</c>. Without a host, mail goes to a folder (Development only).</summary>
public sealed class SmtpOptions
{
    public const string Section = "Mail:Smtp";

    public string? Host { get; set; }

    /// <summary>587 for submission with STARTTLS; 465 means TLS from the first byte.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>False only for a server on the same host or network that offers no TLS (tests, a local relay).</summary>
    public bool UseTls { get; set; } = true;

    /// <summary>The account to authenticate as; none means the server takes mail without.</summary>
    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, such as <c>CARA Platform &lt;no-reply@cara.example.org&gt;</c>.</summary>
    public string From { get; set; } = "CARA Platform <no-reply@cara.invalid>";
}

/// <summary>How the mail dispatcher works, bound from <c>Mail:Dispatch</c>.</summary>
public sealed class MailDispatchOptions
{
    public const string Section = "Mail:Dispatch";

    /// <summary>False stops this instance's dispatcher (another instance does the work).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The pause between rounds when a round found nothing more to do.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 500)]
    public int BatchSize { get; set; } = 20;

    /// <summary>The wait after the first failed attempt; it doubles with each further failure. A message is never dropped.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan BackoffCap { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a claimed batch is this instance's alone; it must outlast sending the batch, or another instance could
    /// send a message again (a duplicate, never a loss).
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The wait before attempt <paramref name="failedAttempts"/> + 1: base × 2^(failures − 1), capped.</summary>
    public TimeSpan BackoffAfter(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        return TimeSpan.FromTicks((long)Math.Min(BackoffBase.Ticks * Math.Pow(2, exponent), BackoffCap.Ticks));
    }

    internal IEnumerable<string> Problems()
    {
        if (PollInterval <= TimeSpan.Zero) yield return "PollInterval must be positive.";
        if (BackoffBase <= TimeSpan.Zero) yield return "BackoffBase must be positive.";
        if (BackoffCap < BackoffBase) yield return "BackoffCap must be at least BackoffBase.";
        if (Lease <= TimeSpan.Zero) yield return "Lease must be positive.";
    }
}
