namespace CaraPlatform.Web.Features.Referrals.Contracts;

/// <summary>Whether a caller may read a referral, for the features that show something under one (its bookings).</summary>
public interface IReferralReach
{
    /// <summary>False for a referral that is not there, is another tenant's, or is out of <paramref name="user"/>'s reach.</summary>
    Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken);
}
