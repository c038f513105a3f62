namespace CaraPlatform.Web.Features.VictimContact.Contracts;

/// <summary>The victim-contact case of a referral, for the referral's pages to link to (only for those who may open it).</summary>
public interface IVictimCases
{
    /// <summary>The case of the referral; none for a referral without one.</summary>
    Task<Guid?> CaseOfReferralAsync(Guid referralId, CancellationToken cancellationToken);
}
