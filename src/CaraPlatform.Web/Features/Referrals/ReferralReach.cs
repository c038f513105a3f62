using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// Which referrals a caller reads, and in which shape: the one place that narrows a caller's view of referrals, for
/// the referral handlers and (through <see cref="IReferralReach"/>) the features that show something under a referral.
/// A person whose roles in the tenant are only Facilitator and ForceSpoc reads the participants of their own runs and
/// the referrals of the forces they serve (<see cref="ForceScope"/>); every other person and every integration client
/// reads the tenant's referrals. ForceSpoc-only people and integration clients read them as the police
/// (<see cref="ReferralResponse.ForPolice"/>).
/// </summary>
public sealed class ReferralReach(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, UserTenants userTenants) : IReferralReach
{
    private Caller? _caller;

    /// <inheritdoc />
    public async Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await (await WithinAsync(db.Referrals.AsNoTracking(), user, cancellationToken)).AnyAsync(r => r.Id == referralId, cancellationToken);

    /// <inheritdoc />
    public async Task<IQueryable<Guid>> ReadableIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await WithinAsync(db.Referrals.AsNoTracking(), user, cancellationToken)).Select(r => r.Id);

    /// <inheritdoc />
    public async Task<bool> ReadsAsPoliceAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        (await CallerAsync(user, cancellationToken)).AsPolice;

    /// <inheritdoc />
    public async Task<bool> ReadsEveryForceAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await CallerAsync(user, cancellationToken) is var caller
        && (caller.ReadsAll || tenants.Current().Settings.Forces.All(f => caller.Forces.Contains(f.Code)));

    /// <summary>
    /// Refuses (400 at forceCode) a referral sent or corrected by a SPOC for a force they do not serve: they could not
    /// read it afterwards.
    /// </summary>
    public async Task EnsureRefersForAsync(string? forceCode, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await CallerAsync(user, cancellationToken) is { ReadsAll: false } caller && !caller.Forces.Contains(forceCode?.Trim() ?? ""))
            throw ProblemException.Invalid([new RuleBreach("forceCode", $"must be a force you serve ({string.Join(", ", caller.Forces)})")]);
    }

    /// <summary><paramref name="referrals"/> narrowed to those <paramref name="user"/> may read.</summary>
    public async Task<IQueryable<Referral>> WithinAsync(IQueryable<Referral> referrals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = await CallerAsync(user, cancellationToken);
        if (caller.ReadsAll) return referrals;
        var forces = caller.Forces;
        var facilitator = caller.Facilitator ?? Guid.Empty;
        var facilitates = caller.Facilitator is not null;
        return referrals.Where(r => forces.Contains(r.ForceCode)
            || (facilitates && db.Bookings.Any(b => b.ReferralId == r.Id && b.Status != BookingStatus.Cancelled
                && db.CourseRuns.Any(run => run.Id == b.RunId && run.FacilitatorIds.Contains(facilitator)))));
    }

    /// <summary>The referral as <paramref name="user"/> may see it: the police's subset for the police.</summary>
    public async Task<ReferralResponse> ShapeAsync(ReferralResponse referral, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await ReadsAsPoliceAsync(user, cancellationToken) ? referral.ForPolice() : referral;

    /// <summary>Who the caller is in the tenant, read once per request (the handlers ask several times).</summary>
    private async Task<Caller> CallerAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_caller is not null) return _caller;
        if (user.PersonId() is not { } personId) return _caller = new Caller(ReadsAll: true, AsPolice: true, [], null);
        var membership = await userTenants.MembershipIn(tenants.Current(), personId, cancellationToken);
        var roles = membership?.Roles ?? [];
        var tenantForces = tenants.Current().Settings.Forces.Select(f => f.Code).ToList();
        return _caller = new Caller(
            ReadsAll: roles.Any(r => r is not (TenantRole.Facilitator or TenantRole.ForceSpoc)),
            AsPolice: roles is [TenantRole.ForceSpoc],
            [.. ForceScope.Served(roles, membership?.ForceCodes ?? [], tenantForces)],
            roles.Contains(TenantRole.Facilitator) ? personId : null);
    }

    private sealed record Caller(bool ReadsAll, bool AsPolice, List<string> Forces, Guid? Facilitator);
}
