using CaraPlatform.Domain.Audit;
using CaraPlatform.Web.Features.Members.Contracts;
using CaraPlatform.Web.Platform.Mail;

namespace CaraPlatform.Web.Features.Members;

/// <summary>An invitation link that can still be accepted, as the person who followed it sees it.</summary>
/// <param name="Email">The invited email, which the account joining must have.</param>
/// <param name="Roles">The roles the person will hold in the tenant.</param>
/// <param name="HasAccount">Whether the invited email already has an account, which must sign in rather than be created.</param>
public sealed record OpenInvitation(string Email, IReadOnlyList<TenantRole> Roles, bool HasAccount);

/// <summary>Inviting people into the current tenant and accepting invitations, with the audit trail.</summary>
public sealed class Invitations(
    CaraDbContext db, UserManager<CaraUser> users, Mailbox mailbox, AuditTrail audit,
    IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, TimeProvider clock) : IMemberInviter
{
    public const string InvitationKind = "invitation";

    /// <summary>The tenant's invitations, open, accepted and cancelled, newest first.</summary>
    public async Task<List<InvitationResponse>> ListAsync(CancellationToken cancellationToken) =>
        (await NewestFirstAsync(cancellationToken)).ConvertAll(InvitationResponse.From);

    /// <summary>The invitations still waiting to be accepted, newest first.</summary>
    public async Task<List<InvitationResponse>> ListOpenAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // A tenant's invitations are few; filtering here keeps "open" defined once, in Invitation.IsOpenAt.
        return [.. (await NewestFirstAsync(cancellationToken)).Where(i => i.IsOpenAt(now)).Select(InvitationResponse.From)];
    }

    /// <inheritdoc />
    public Task<InvitationResponse> InviteAsync(string email, IReadOnlyList<TenantRole> roles, Guid? invitedBy, Uri siteRoot, CancellationToken cancellationToken) =>
        InviteAsync(email, roles, null, invitedBy, siteRoot, cancellationToken);

    /// <summary>
    /// Sends the invitation; a ForceSpoc's forces are checked and defaulted by <see cref="ForceScope.Assign"/> (400 at
    /// forceCodes when they do not fit the roles).
    /// </summary>
    public async Task<InvitationResponse> InviteAsync(string email, IReadOnlyList<TenantRole> roles, IReadOnlyList<string>? forceCodes, Guid? invitedBy,
        Uri siteRoot, CancellationToken cancellationToken)
    {
        var tenant = tenantAccessor.MultiTenantContext.TenantInfo ?? throw new InvalidOperationException("Invitations are made inside a tenant.");
        List<TenantRole> distinct = [.. roles.Distinct()];
        var (forces, breaches) = ForceScope.Assign(distinct, forceCodes, [.. tenant.Settings.Forces.Select(f => f.Code)]);
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches);
        var (token, tokenHash) = InvitationToken.New();
        var invitation = new Invitation
        {
            Email = email.Trim().ToLowerInvariant(),
            Roles = distinct,
            ForceCodes = [.. forces],
            TokenHash = tokenHash,
            ExpiresAt = clock.GetUtcNow() + Invitation.Lifetime,
            InvitedBy = invitedBy,
        };
        db.Invitations.Add(invitation);
        audit.Stage(db, new AuditEntry(AuditActions.MembershipInvited, "success", tenant.TenantId, invitedBy, Subject: invitation.Email));
        mailbox.Stage(db, new MailMessage(invitation.Email, $"You are invited to {tenant.Name} on CARA Platform", $"""
            You have been invited to join {tenant.Name} as {string.Join(", ", invitation.Roles)}.
            Accept before {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC: {new Uri(siteRoot, $"t/{tenant.Identifier}/invitations/{token}")}
            """, InvitationKind));
        await db.SaveChangesAsync(cancellationToken);
        return InvitationResponse.From(invitation);
    }

    /// <summary>
    /// Stops an open invitation's link working; an accepted or expired one is left as it is. Null when the tenant
    /// has no such invitation.
    /// </summary>
    public async Task<InvitationResponse?> CancelAsync(Guid invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId, cancellationToken);
        if (invitation is null) return null;
        if (invitation.IsOpenAt(clock.GetUtcNow()))
        {
            invitation.CancelledAt = clock.GetUtcNow();
            await db.SaveChangesAsync(cancellationToken);
        }

        return InvitationResponse.From(invitation);
    }

    /// <summary>The open invitation behind a link, or null when the link is unknown, used, cancelled or expired.</summary>
    public async Task<OpenInvitation?> FindOpenAsync(string token, CancellationToken cancellationToken) =>
        await FindOpenInvitationAsync(token, cancellationToken) is { } invitation
            ? new OpenInvitation(invitation.Email, invitation.Roles, await users.FindByEmailAsync(invitation.Email) is not null)
            : null;

    /// <summary>
    /// Accepts the invitation behind the link for <paramref name="user"/>, whose email must be the invited one: adds
    /// the membership (or the roles to an existing one) and uses the invitation up. False when the link is no longer open.
    /// </summary>
    public async Task<bool> AcceptAsync(string token, CaraUser user, CancellationToken cancellationToken)
    {
        var invitation = await FindOpenInvitationAsync(token, cancellationToken);
        if (invitation is null) return false;
        if (!string.Equals(user.Email, invitation.Email, StringComparison.OrdinalIgnoreCase))
            throw new InvalidOperationException("The invitation is for another email.");
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.UserId == user.Id, cancellationToken);
        if (membership is null) db.Memberships.Add(new Membership { UserId = user.Id, Roles = [.. invitation.Roles], ForceCodes = [.. invitation.ForceCodes] });
        else
        {
            membership.Roles = [.. membership.Roles.Union(invitation.Roles)];
            membership.ForceCodes = [.. membership.ForceCodes.Union(invitation.ForceCodes)];
        }
        invitation.AcceptedAt = clock.GetUtcNow();
        audit.Stage(db, new AuditEntry(AuditActions.MembershipChanged, "invitation-accepted", invitation.TenantId, user.Id, Subject: invitation.Email));
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private Task<List<Invitation>> NewestFirstAsync(CancellationToken cancellationToken) =>
        db.Invitations.AsNoTracking().OrderByDescending(i => i.CreatedAt).ToListAsync(cancellationToken);

    private async Task<Invitation?> FindOpenInvitationAsync(string token, CancellationToken cancellationToken)
    {
        var hash = InvitationToken.Hash(token);
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
        return invitation?.IsOpenAt(clock.GetUtcNow()) == true ? invitation : null;
    }
}
