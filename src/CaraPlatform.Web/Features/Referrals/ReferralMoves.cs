using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The referral's moves after intake, for the API and the portal alike. Each answers with the referral as it is now
/// in the caller's shape, or null when there is no such referral within the caller's reach (<see cref="ReferralReach"/>); the referral's own rules refuse an illegal move
/// (<see cref="IllegalReferralTransitionException"/>, <see cref="ReferralRuleException"/>,
/// <see cref="ScreeningContradictionException"/>), and a move based on a stale read is refused with
/// <see cref="DbUpdateConcurrencyException"/>. Each move is audited in its own save, so a refused one leaves no row.
/// </summary>
public sealed class ReferralMoves(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, ReferralReach reach, Actors actors, AuditTrail audit, TimeProvider clock)
{
    /// <summary>A SPOC corrects only to a force they serve (<see cref="ReferralReach.EnsureRefersForAsync"/>).</summary>
    public async Task<ReferralResponse?> CorrectAsync(Guid referralId, CorrectReferralRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await reach.EnsureRefersForAsync(request.ForceCode, user, cancellationToken);
        return await ChangeAsync(referralId, request.Version, user,
            (r, actor, tenant) => r.Correct(request.ToDomain(), tenant.Condition, actor, clock), cancellationToken);
    }

    public Task<ReferralResponse?> StartScreeningAsync(Guid referralId, VersionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, _) => r.StartScreening(actor, clock), cancellationToken);

    /// <summary>Eligible must agree with the rules: otherwise <see cref="ScreeningContradictionException"/> names each failed rule.</summary>
    public Task<ReferralResponse?> ScreenAsync(Guid referralId, ScreeningDecisionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, tenant) => r.DecideScreening(
            request.Answers!.ToDomain(), request.Decision == ScreeningDecision.Eligible, request.Reason, tenant, actor, clock), cancellationToken);

    public Task<ReferralResponse?> RecordFirstContactAsync(Guid referralId, VersionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, _) => r.RecordFirstContact(actor, clock), cancellationToken);

    public Task<ReferralResponse?> ReturnUncontactableAsync(Guid referralId, ReasonRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, _) => r.ReturnUncontactable(request.Reason!, actor, clock), cancellationToken);

    public Task<ReferralResponse?> WithdrawAsync(Guid referralId, ReasonRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, _) => r.Withdraw(request.Reason!, actor, clock), cancellationToken);

    /// <summary>After a breach: allow re-booking or close; or, for any open referral, extend its deadline.</summary>
    public Task<ReferralResponse?> RecordPoliceDecisionAsync(
        Guid referralId, PoliceDecisionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ChangeAsync(referralId, request.Version, user, (r, actor, tenant) =>
        {
            switch (request.Decision!.Value)
            {
                case PoliceDecision.AllowRebooking: r.AllowRebooking(request.Reason!, actor, clock); break;
                case PoliceDecision.Close: r.Close(request.Reason!, actor, clock); break;
                case PoliceDecision.ExtendDeadline: r.ExtendDeadline(request.NewDeadline!.Value, request.Reason!, tenant.Condition, actor, clock); break;
            }
        }, cancellationToken);

    /// <summary>
    /// Loads the referral, checks the caller read its current version, applies <paramref name="change"/> and saves;
    /// the row version makes the database refuse a change made meanwhile.
    /// </summary>
    private async Task<ReferralResponse?> ChangeAsync(
        Guid referralId, uint? version, ClaimsPrincipal user, Action<Referral, ReferralActor, TenantDefinition> change, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        var referral = await (await reach.WithinAsync(db.Referrals, user, cancellationToken)).SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null) return null;
        if (referral.Version != version!.Value) throw new DbUpdateConcurrencyException("The referral changed since it was read.");
        change(referral, await actors.OfAsync(user), tenant.Settings);
        audit.Stage(db, AuditEntries.By(user, AuditActions.ReferralChanged, tenant.TenantId, AuditEntries.Referral(referralId), $"now {referral.Status}"));
        await db.SaveChangesAsync(cancellationToken);
        return await reach.ShapeAsync(ReferralResponse.From(referral, tenant.Settings, clock), user, cancellationToken);
    }
}
