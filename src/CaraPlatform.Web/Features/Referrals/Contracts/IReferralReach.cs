namespace CaraPlatform.Web.Features.Referrals.Contracts;

/// <summary>
/// Which referrals a caller may read, and whether as the police, for the features that show something under one (its
/// bookings, a run's participants, the police's notices). One rule for every feature: the referrals feature's.
/// </summary>
public interface IReferralReach
{
    /// <summary>False for a referral that is not there, is another tenant's, or is out of <paramref name="user"/>'s reach.</summary>
    Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// The ids of the referrals <paramref name="user"/> may read, as a query of the request's context, for a feature to
    /// narrow its own rows by (<c>notices.Where(n =&gt; ids.Contains(n.ReferralId))</c>) in the same statement.
    /// </summary>
    Task<IQueryable<Guid>> ReadableIdsAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="user"/> reads referrals as the police (a person whose only role is ForceSpoc, or an
    /// integration client): what the police supplied, status, dates, bookings, attendance and outcome, and no provider
    /// free text.
    /// </summary>
    Task<bool> ReadsAsPoliceAsync(ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="user"/> may read the referrals of every force the tenant serves: what a document about the
    /// whole service (the monthly force report) needs, since a SPOC of one force must see nothing of another's.
    /// </summary>
    Task<bool> ReadsEveryForceAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
