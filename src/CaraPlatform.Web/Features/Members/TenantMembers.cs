using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Features.Members;

/// <summary>
/// The current tenant's staff as its ProviderAdmins manage them, for the API and the portal alike, so that the
/// last-admin rule and the audit trail apply whichever way a change arrives.
/// </summary>
public sealed class TenantMembers(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, PersonSessions sessions, AuditTrail audit)
{
    public async Task<List<MemberResponse>> ListAsync(CancellationToken cancellationToken)
    {
        // Users are global; the join starts from the tenant's memberships, so only this tenant's people appear.
        var members = await db.Memberships.AsNoTracking()
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u.Email, u.DisplayName })
            .OrderBy(x => x.Email)
            .ToListAsync(cancellationToken);
        return members.ConvertAll(x => new MemberResponse(x.m.Id, x.m.UserId, x.Email ?? "", x.DisplayName, x.m.Roles, x.m.Version, x.m.ForceCodes));
    }

    /// <summary>
    /// Replaces the member's roles (and a ForceSpoc's forces, <see cref="ForceScope.Assign"/>; omitted, a SPOC keeps
    /// theirs) if the member is still at <paramref name="version"/>, or returns null when the tenant has no such member.
    /// A member changed since throws <see cref="DbUpdateConcurrencyException"/>; leaving the tenant without a
    /// ProviderAdmin is refused (409); forces that do not fit the roles are refused (400 at forceCodes).
    /// </summary>
    public async Task<MemberResponse?> ChangeRolesAsync(Guid memberId, IReadOnlyCollection<TenantRole> roles, IReadOnlyList<string>? forceCodes,
        uint version, Guid? actor, CancellationToken cancellationToken)
    {
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (membership is null) return null;
        List<TenantRole> distinct = [.. roles.Distinct()];
        var (forces, breaches) = ForceScope.Assign(distinct, forceCodes ?? (distinct.Contains(TenantRole.ForceSpoc) ? membership.ForceCodes : null),
            [.. tenants.Current().Settings.Forces.Select(f => f.Code)]);
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches);
        if (!distinct.Contains(TenantRole.ProviderAdmin)) await EnsureNotLastAdminAsync(membership, cancellationToken);

        membership.Roles = distinct;
        membership.ForceCodes = [.. forces];
        db.Entry(membership).Property(m => m.Version).OriginalValue = version;
        audit.Stage(db, new AuditEntry(AuditActions.MembershipChanged, string.Join(",", distinct), membership.TenantId, actor,
            Subject: membership.UserId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        var account = await db.Users.AsNoTracking().SingleAsync(u => u.Id == membership.UserId, cancellationToken);
        return new MemberResponse(membership.Id, membership.UserId, account.Email ?? "", account.DisplayName, membership.Roles, membership.Version, membership.ForceCodes);
    }

    /// <summary>
    /// Removes the membership and ends the person's sessions and tokens, in one transaction; false when the tenant has
    /// no such member. The last ProviderAdmin is not removed (409).
    /// </summary>
    public async Task<bool> RemoveAsync(Guid memberId, Guid? actor, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (membership is null) return false;
        await EnsureNotLastAdminAsync(membership, cancellationToken);
        db.Memberships.Remove(membership);
        audit.Stage(db, new AuditEntry(AuditActions.MembershipRemoved, "success", membership.TenantId, actor, Subject: membership.UserId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        // A cookie or token got while a member must not keep working until it would next be checked or expire.
        await sessions.EndAsync(membership.UserId);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>A tenant always keeps one ProviderAdmin, so that someone can manage its staff.</summary>
    private async Task EnsureNotLastAdminAsync(Membership membership, CancellationToken cancellationToken)
    {
        if (membership.Roles.Contains(TenantRole.ProviderAdmin)
            && !await db.Memberships.AnyAsync(m => m.Id != membership.Id && m.Roles.Contains(TenantRole.ProviderAdmin), cancellationToken))
            throw ProblemException.Conflict("The tenant's last ProviderAdmin cannot be removed", "Give another member the ProviderAdmin role first.");
    }
}
