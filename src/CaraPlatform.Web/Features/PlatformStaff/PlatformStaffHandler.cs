using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>A person holding licence-holder roles.</summary>
public sealed record PlatformStaffResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<PlatformRole> Roles)
{
    internal static PlatformStaffResponse From(CaraUser u) => new(u.Id, u.Email ?? "", u.DisplayName, u.PlatformRoles);
}

/// <summary>The licence holder's staff: who holds platform roles, and the LicenceAdmin's changes to them, audited.</summary>
public sealed class PlatformStaffHandler(UserManager<CaraUser> users, CaraDbContext db, AuditTrail audit)
{
    /// <summary>Everyone holding at least one platform role, by email.</summary>
    public async Task<List<PlatformStaffResponse>> ListAsync(CancellationToken cancellationToken) =>
        (await users.Users.AsNoTracking().Where(u => u.PlatformRoles.Count > 0).OrderBy(u => u.Email).ToListAsync(cancellationToken))
            .ConvertAll(PlatformStaffResponse.From);

    /// <summary>
    /// Gives the person exactly <paramref name="roles"/>, or returns null when there is no such person. Taking the role
    /// from the last LicenceAdmin, or an account changed meanwhile, is refused (409).
    /// </summary>
    public async Task<PlatformStaffResponse?> SetRolesAsync(Guid userId, IReadOnlyCollection<PlatformRole> roles, Guid? actor,
        CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null) return null;
        List<PlatformRole> distinct = [.. roles.Distinct()];
        // The platform always keeps one LicenceAdmin, so that someone can manage its staff.
        if (user.PlatformRoles.Contains(PlatformRole.LicenceAdmin) && !distinct.Contains(PlatformRole.LicenceAdmin)
            && !await users.Users.AnyAsync(u => u.Id != user.Id && u.PlatformRoles.Contains(PlatformRole.LicenceAdmin), cancellationToken))
            throw ProblemException.Conflict("The last LicenceAdmin cannot lose the role");

        user.PlatformRoles = distinct;
        // The account store saves through the same context, so the audit commits with the change.
        audit.Stage(db, new AuditEntry(AuditActions.PlatformRolesChanged, string.Join(",", distinct), ActorUserId: actor, Subject: user.Id.ToString()));
        if (!(await users.UpdateAsync(user)).Succeeded) throw ProblemException.Conflict("The account changed; read it again");
        return PlatformStaffResponse.From(user);
    }
}
