using CaraPlatform.Domain.Common;

namespace CaraPlatform.Infrastructure.Mail;

/// <summary>
/// An email waiting to go, or gone: written in the same transaction as the change it tells of, sent afterwards by the
/// mail dispatcher, retried until it goes, so that a mail server's failure never loses a message nor blocks a request.
/// Global: invitations to licence-holder staff and licence warnings belong to no one tenant. The body is encrypted
/// (data protection) because invitation links are credentials.
/// </summary>
[GlobalEntity]
public sealed class OutgoingMail
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string To { get; init; }

    public required string Subject { get; init; }

    /// <summary>The plain-text body, protected with the mail purpose's data-protection key.</summary>
    public required string ProtectedBody { get; init; }

    /// <summary>The attached file's name (one attachment at most, such as a force report's PDF).</summary>
    public string? AttachmentName { get; init; }

    /// <summary>The attached file, protected like the body: a report names offenders.</summary>
    public byte[]? ProtectedAttachment { get; init; }

    /// <summary>Why it was sent (invitation, licence-warning, …), for the log and for tests; never personal data.</summary>
    public required string Kind { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public int Attempts { get; set; }

    public DateTimeOffset? SentAt { get; set; }

    public string? LastError { get; set; }
}
