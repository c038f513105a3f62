namespace CaraPlatform.Web.Features.Referrals.Contracts;

/// <summary>
/// Which referrals a caller may read, and whether as the police, for the features that show something under one (its
/// bookings, a run's participants, the police's notices). One rule for every feature: the referrals feature's.
/// </summary>
public interface IReferralReach
{
    /// <summary>False for a referral that is not there, is another tenant's, or is out of <paramref name="user"/>'s reach.</summary>
    Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>The referrals of <paramref name="referralIds"/> that <paramref name="user"/> may read.</summary>
    Task<IReadOnlySet<Guid>> ReadableAmongAsync(IReadOnlyCollection<Guid> referralIds, ClaimsPrincipal user, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="user"/> reads referrals as the police (a person whose only role is ForceSpoc, or an
    /// integration client): what the police supplied, status, dates, bookings, attendance and outcome, and no provider
    /// free text.
    /// </summary>
    Task<bool> ReadsAsPoliceAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
