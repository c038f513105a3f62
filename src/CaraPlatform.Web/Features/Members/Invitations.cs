using System.Security.Cryptography;
using System.Text;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

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

public sealed record InvitationAcceptance(Invitation Invitation, CaraUser User);

/// <summary>Inviting people into the current tenant and accepting invitations, with the audit trail.</summary>
public sealed class Invitations(CaraDbContext db, UserManager<CaraUser> users, IInvitationMailer mailer, AuditTrail audit, TimeProvider clock)
{
    public async Task<Invitation> InviteAsync(CaraTenantInfo tenant, string email, IReadOnlyList<TenantRole> roles, Guid? invitedBy,
        Uri baseUri, CancellationToken cancellationToken)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var invitation = new Invitation
        {
            Email = email.Trim().ToLowerInvariant(),
            Roles = [.. roles.Distinct()],
            TokenHash = Hash(token),
            ExpiresAt = clock.GetUtcNow() + Invitation.Lifetime,
            InvitedBy = invitedBy,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(AuditActions.MembershipInvited, "success", tenant.TenantId, invitedBy, Subject: invitation.Email), cancellationToken);
        await mailer.SendAsync(new InvitationMail(invitation.Email, tenant.Name, invitation.Roles,
            new Uri(baseUri, $"t/{tenant.Identifier}/invitations/{token}"), invitation.ExpiresAt), cancellationToken);
        return invitation;
    }

    /// <summary>Where the emailed link points: the configured public address, never a Host header the inviter's request named.</summary>
    public static Uri SiteRoot(HttpRequest request) => Platform.PublicAddress.SiteRoot(request);

    /// <summary>The open invitation behind a link, or null when the link is unknown, used, cancelled or expired.</summary>
    public async Task<Invitation?> FindOpenAsync(string token, CancellationToken cancellationToken)
    {
        var hash = Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation?.IsOpenAt(clock.GetUtcNow()) == true ? invitation : null;
    }

    /// <summary>
    /// Accepts for <paramref name="user"/>, whose email must be the invited one: adds the membership (or the
    /// roles to an existing one) and uses the invitation up.
    /// </summary>
    public async Task AcceptAsync(Invitation invitation, CaraUser user, CancellationToken cancellationToken)
    {
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("The invitation is for another email.");
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id, cancellationToken);
        if (membership is null) db.Memberships.Add(new Membership { UserId = user.Id, Roles = [.. invitation.Roles] });
        else membership.Roles = [.. membership.Roles.Union(invitation.Roles)];
        invitation.AcceptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry(AuditActions.MembershipChanged, "invitation-accepted", invitation.TenantId, user.Id, Subject: invitation.Email), cancellationToken);
    }

    public Task<CaraUser?> AccountFor(Invitation invitation) => users.FindByEmailAsync(invitation.Email);

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
