using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Infrastructure.VictimContact;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// Referrals coming in, through the API (under its idempotency key) or the portal's form: the same request, the same
/// rules, whichever door it came in by.
/// </summary>
public sealed class ReferralIntake(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector victims, ReferralReach reach,
    Actors actors, AuditTrail audit, TimeProvider clock)
{
    /// <summary>The referral already made for this police reference, if any: a second referral for the same caution is a mistake.</summary>
    public async Task<ReferralSummary?> FindByPoliceReferenceAsync(string policeReference, CancellationToken cancellationToken) =>
        await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.PoliceReference == policeReference.Trim(), cancellationToken) is { } existing
            ? ReferralSummary.From(existing)
            : null;

    /// <summary>
    /// Receives the referral, seals the victim's details in their own record and opens the victim-contact case, in one
    /// SaveChanges. A police reference referred meanwhile fails the save on the tenant's unique index
    /// (<see cref="DbUpdateException"/>). A SPOC refers only for the forces they serve (400 at forceCode otherwise), since
    /// they could not read the referral after.
    /// </summary>
    public async Task<ReferralResponse> ReceiveAsync(CreateReferralRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        await reach.EnsureRefersForAsync(request.ForceCode, user, cancellationToken);
        var referral = Referral.Receive(request.ToDomain(), tenant.Settings.Condition, await actors.OfAsync(user), clock);
        db.Referrals.Add(referral);
        db.VictimRecords.Add(new VictimRecord { ReferralId = referral.Id, ProtectedDetails = victims.Protect(tenant.TenantId, request.Victim!.ToDomain()) });
        db.VictimCases.Add(VictimCase.Open(referral.Id, clock));
        audit.Stage(db, ReferralHandling.AuditOf(AuditActions.ReferralReceived, tenant, referral.Id, user));
        await db.SaveChangesAsync(cancellationToken);
        return await reach.ShapeAsync(ReferralResponse.From(referral, tenant.Settings, clock), user, cancellationToken);
    }
}
