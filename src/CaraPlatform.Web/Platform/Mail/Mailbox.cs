using CaraPlatform.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Web.Platform.Mail;

/// <summary>An email to send: plain text, one recipient, at most one attached file.</summary>
/// <param name="To">One recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">Plain text; links in it may be credentials (the body is stored encrypted).</param>
/// <param name="Kind">What it is for (invitation, licence-warning, training-reminder, …): logged, never personal data.</param>
/// <param name="Attachment">A file sent with it (stored encrypted like the body).</param>
public sealed record MailMessage(string To, string Subject, string Body, string Kind, MailAttachment? Attachment = null);

/// <summary>A file attached to an email; its type follows from its name's extension.</summary>
public sealed record MailAttachment(string FileName, byte[] Content);

/// <summary>
/// Where features put the emails they send. <see cref="Stage"/> adds the message to the caller's context, so it is
/// written by the caller's SaveChanges with the change it tells of; the mail dispatcher sends it afterwards and
/// retries until the mail server takes it.
/// </summary>
public sealed class Mailbox(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "CaraPlatform.Mail.Body";

    public void Stage(CaraDbContext db, MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow();
        var protector = protection.CreateProtector(Purpose);
        db.OutgoingMail.Add(new OutgoingMail
        {
            To = message.To.Trim(),
            Subject = message.Subject,
            ProtectedBody = protector.Protect(message.Body),
            AttachmentName = message.Attachment?.FileName,
            ProtectedAttachment = message.Attachment is { } attachment ? protector.Protect(attachment.Content) : null,
            Kind = message.Kind,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>A staged message as it was given, for the dispatcher.</summary>
    public MailMessage MessageOf(OutgoingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var attachment = mail is { AttachmentName: { } name, ProtectedAttachment: { } content }
            ? new MailAttachment(name, protection.CreateProtector(Purpose).Unprotect(content))
            : null;
        return new MailMessage(mail.To, mail.Subject, BodyOf(mail), mail.Kind, attachment);
    }

    /// <summary>The body of a staged message.</summary>
    public string BodyOf(OutgoingMail mail) => protection.CreateProtector(Purpose).Unprotect(mail.ProtectedBody);
}
