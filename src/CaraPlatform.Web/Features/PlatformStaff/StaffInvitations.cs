using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Platform.Mail;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>An invitation to the licence holder's staff, as listed (never with its link).</summary>
public sealed record StaffInvitationResponse(Guid Id, string Email, IReadOnlyList<PlatformRole> Roles, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? CancelledAt, DateTimeOffset CreatedAt)
{
    internal static StaffInvitationResponse From(StaffInvitation i) => new(i.Id, i.Email, i.Roles, i.ExpiresAt, i.AcceptedAt, i.CancelledAt, i.CreatedAt);
}

/// <summary>An invitation just made, with its one-time link (shown to no one but its email, or the bootstrap's operator).</summary>
public sealed record IssuedStaffInvitation(StaffInvitationResponse Invitation, Uri AcceptLink);

/// <summary>A staff invitation link that can still be accepted, as the person who followed it sees it.</summary>
public sealed record OpenStaffInvitation(string Email, string? Name, IReadOnlyList<PlatformRole> Roles, bool HasAccount);

/// <summary>
/// Inviting people to the licence holder's staff with platform roles, and accepting: the tenant invitations' shape
/// (a one-use link valid for 7 days, only its hash kept), with the email staged in the same SaveChanges.
/// </summary>
public sealed class StaffInvitations(CaraDbContext db, UserManager<CaraUser> users, Mailbox mailbox, AuditTrail audit, TimeProvider clock)
{
    public const string InvitationKind = "staff-invitation";

    /// <summary>Invitations still waiting to be accepted, newest first.</summary>
    public async Task<List<StaffInvitationResponse>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var invitations = await db.StaffInvitations.AsNoTracking().Where(i => i.AcceptedAt == null && i.CancelledAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);
        return invitations.ConvertAll(StaffInvitationResponse.From);
    }

    public async Task<IssuedStaffInvitation> InviteAsync(string email, string? name, IReadOnlyList<PlatformRole> roles, Guid? invitedBy, Uri siteRoot,
        CancellationToken cancellationToken)
    {
        var (token, tokenHash) = InvitationToken.New();
        var invitation = new StaffInvitation
        {
            Email = email.Trim().ToLowerInvariant(),
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            Roles = [.. roles.Distinct()],
            TokenHash = tokenHash,
            ExpiresAt = clock.GetUtcNow() + StaffInvitation.Lifetime,
            InvitedBy = invitedBy,
        };
        var link = new Uri(siteRoot, $"national/invitations/{token}");
        db.StaffInvitations.Add(invitation);
        audit.Stage(db, new AuditEntry(AuditActions.StaffInvited, string.Join(",", invitation.Roles), ActorUserId: invitedBy, Subject: invitation.Email));
        mailbox.Stage(db, new MailMessage(invitation.Email, "You are invited to the licence holder's workspace on CARA Platform", $"""
            You have been invited to the licence holder's staff on CARA Platform as {string.Join(", ", invitation.Roles)}.
            Accept before {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC: {link}
            """, InvitationKind));
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedStaffInvitation(StaffInvitationResponse.From(invitation), link);
    }

    /// <summary>Stops an open invitation's link working; null when there is no such invitation.</summary>
    public async Task<StaffInvitationResponse?> CancelAsync(Guid invitationId, Guid? actor, CancellationToken cancellationToken)
    {
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null) return null;
        if (invitation.IsOpenAt(clock.GetUtcNow()))
        {
            invitation.CancelledAt = clock.GetUtcNow();
            audit.Stage(db, new AuditEntry(AuditActions.StaffInvitationCancelled, "success", ActorUserId: actor, Subject: invitation.Email));
            await db.SaveChangesAsync(cancellationToken);
        }

        return StaffInvitationResponse.From(invitation);
    }

    /// <summary>The open invitation behind a link, or null when the link is unknown, used, cancelled or expired.</summary>
    public async Task<OpenStaffInvitation?> FindOpenAsync(string token, CancellationToken cancellationToken) =>
        await FindOpenInvitationAsync(token, cancellationToken) is { } invitation
            ? new OpenStaffInvitation(invitation.Email, invitation.Name, invitation.Roles, await users.FindByEmailAsync(invitation.Email) is not null)
            : null;

    /// <summary>
    /// Gives <paramref name="user"/>, whose email must be the invited one, the invitation's platform roles (besides any
    /// held) and uses the invitation up. False when the link is no longer open.
    /// </summary>
    public async Task<bool> AcceptAsync(string token, CaraUser user, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenInvitationAsync(token, cancellationToken);
        if (invitation is null) return false;
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("The invitation is for another email.");
        user.PlatformRoles = [.. user.PlatformRoles.Union(invitation.Roles)];
        invitation.AcceptedAt = clock.GetUtcNow();
        audit.Stage(db, new AuditEntry(AuditActions.StaffInvitationAccepted, string.Join(",", user.PlatformRoles), ActorUserId: user.Id, Subject: invitation.Email));
        // The account store saves through the same context, so the invitation and the audit commit with the roles.
        if (!(await users.UpdateAsync(user)).Succeeded) throw ProblemException.Conflict("The account changed; follow the link again");
        return true;
    }

    private async Task<StaffInvitation?> FindOpenInvitationAsync(string token, CancellationToken cancellationToken)
    {
        var hash = InvitationToken.Hash(token);
        var invitation = await db.StaffInvitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation?.IsOpenAt(clock.GetUtcNow()) == true ? invitation : null;
    }
}
