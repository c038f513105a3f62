using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Referrals.Contracts;

/// <summary>A referral as a force report's annex lists it: what the police may be told, never screening answers or victim data.</summary>
/// <param name="Id">The referral.</param>
/// <param name="PoliceReference">The force's reference.</param>
/// <param name="ForceCode">The referring force.</param>
/// <param name="OffenderName">Given and family name.</param>
/// <param name="Status">Where the referral stands now.</param>
/// <param name="ReceivedOn">The UK day it was received.</param>
public sealed record PoliceReferralLine(Guid Id, string PoliceReference, string ForceCode, string OffenderName, ReferralStatus Status, DateOnly ReceivedOn);

/// <summary>The tenant's referrals received in a month, for reports to the force (the tenant of the caller's scope).</summary>
public interface IReferralsOfMonth
{
    /// <summary>Every referral received on a UK day of <paramref name="month"/>'s month, oldest first.</summary>
    Task<List<PoliceReferralLine>> ReceivedInAsync(DateOnly month, CancellationToken cancellationToken);
}
