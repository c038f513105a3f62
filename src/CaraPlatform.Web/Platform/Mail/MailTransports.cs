using System.Text.RegularExpressions;
using CaraPlatform.Web.Platform.Observability;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CaraPlatform.Web.Platform.Mail;

/// <summary>
/// Hands one message to whatever carries mail; throws when it was not taken. The outbox row's id becomes the
/// Message-ID, so that a message sent twice (after a lost lease) is one message to mail clients.
/// </summary>
public interface IMailTransport
{
    Task SendAsync(Guid id, MailMessage message, CancellationToken cancellationToken);
}

/// <summary>The mail server named by <c>Mail:Smtp</c>, through MailKit.</summary>
public sealed class SmtpMailTransport(IOptions<SmtpOptions> options) : IMailTransport
{
    public async Task SendAsync(Guid id, MailMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value;
        var body = new BodyBuilder { TextBody = message.Body };
        if (message.Attachment is { } attachment) body.Attachments.Add(attachment.FileName, attachment.Content);
        using var mime = new MimeMessage
        {
            MessageId = $"{id:N}@cara-platform",
            Subject = message.Subject,
            Body = body.ToMessageBody(),
        };
        mime.From.Add(MailboxAddress.Parse(smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.To));

        using var client = new SmtpClient();
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host ?? throw new InvalidOperationException($"{SmtpOptions.Section}:Host is not set."), smtp.Port, security, cancellationToken);
        if (smtp.User is { Length: > 0 }) await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
        await client.SendAsync(mime, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>
/// Development has no mail server: each message is a text file in a folder (<c>.cara/mail</c>, or
/// <c>Cara:MailDirectory</c>), and its first link is logged so that a developer can follow it from the console.
/// </summary>
public sealed partial class FolderMailTransport(string folder, ILogger<FolderMailTransport> logger) : IMailTransport
{
    public const string FolderKey = "Cara:MailDirectory";

    public async Task SendAsync(Guid id, MailMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{id:N}-{message.To}.txt");
        // Written under another name and moved, so that a reader never sees half a message.
        var partial = file + ".partial";
        // The attachment goes first, beside the message, so that it is there once the message is.
        var attached = "";
        if (message.Attachment is { } attachment)
        {
            var attachmentFile = $"{file}-{attachment.FileName}";
            await File.WriteAllBytesAsync(attachmentFile, attachment.Content, cancellationToken);
            attached = $"Attachment: {attachmentFile}\n";
        }

        await File.WriteAllTextAsync(partial, $"To: {message.To}\nSubject: {message.Subject}\n{attached}\n{message.Body}\n", cancellationToken);
        File.Move(partial, file);
        LogWritten(message.Kind, message.To, file, Link().Match(message.Body).Value);
    }

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    [LoggerMessage(LogLevel.Information, "Mail ({Kind}) for {Email} written to {File}: {Link}")]
    private partial void LogWritten(string kind, [PersonalValue] string email, [PersonalValue] string file, string link);
}
