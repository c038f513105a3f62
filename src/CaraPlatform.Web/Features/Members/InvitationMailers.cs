namespace CaraPlatform.Web.Features.Members;

/// <summary>An invitation email: where it goes and the one link that accepts it.</summary>
public sealed record InvitationMail(string To, string TenantName, IReadOnlyList<TenantRole> Roles, Uri AcceptLink, DateTimeOffset ExpiresAt);

public interface IInvitationMailer
{
    Task SendAsync(InvitationMail mail, CancellationToken cancellationToken);
}

/// <summary>Development has no mail server: the email is written to a folder (.cara/mail) and the link to the log.</summary>
public sealed class FolderInvitationMailer(string folder, ILogger<FolderInvitationMailer> logger) : IInvitationMailer
{
    public string Folder { get; } = folder;

    public async Task SendAsync(InvitationMail mail, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{mail.To}.txt");
        await File.WriteAllTextAsync(file, $"""
            To: {mail.To}
            Subject: You are invited to {mail.TenantName} on CARA Platform

            You have been invited to join {mail.TenantName} as {string.Join(", ", mail.Roles)}.
            Accept before {mail.ExpiresAt:yyyy-MM-dd HH:mm} UTC: {mail.AcceptLink}
            """, cancellationToken);
        logger.LogInformation("Invitation for {Email} written to {File}: {Link}", mail.To, file, mail.AcceptLink);
    }
}

/// <summary>Outside Development no mail transport is configured yet: say so, without the link, which is a credential.</summary>
public sealed class UnconfiguredInvitationMailer(ILogger<UnconfiguredInvitationMailer> logger) : IInvitationMailer
{
    public Task SendAsync(InvitationMail mail, CancellationToken cancellationToken)
    {
        logger.LogWarning("No mail transport is configured: the invitation for {Email} was recorded but not sent.", mail.To);
        return Task.CompletedTask;
    }
}
