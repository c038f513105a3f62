using CaraPlatform.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;

namespace CaraPlatform.Web.Platform.Mail;

/// <summary>An email to send: plain text, one recipient.</summary>
/// <param name="To">One recipient's address.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Body">Plain text; links in it may be credentials (the body is stored encrypted).</param>
/// <param name="Kind">What it is for (invitation, licence-warning, training-reminder, …): logged, never personal data.</param>
public sealed record MailMessage(string To, string Subject, string Body, string Kind);

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
        db.OutgoingMail.Add(new OutgoingMail
        {
            To = message.To.Trim(),
            Subject = message.Subject,
            ProtectedBody = protection.CreateProtector(Purpose).Protect(message.Body),
            Kind = message.Kind,
            CreatedAt = now,
            NextAttemptAt = now,
        });
    }

    /// <summary>The body of a staged message, for the dispatcher.</summary>
    public string BodyOf(OutgoingMail mail) => protection.CreateProtector(Purpose).Unprotect(mail.ProtectedBody);
}
