using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Referrals.Contracts;

/// <summary>
/// A person as the national read model's pseudonyms take them in: the name normalised (letters and digits only, lower
/// case, accents dropped) so that "O'Brien" and "OBRIEN" are one person. Never stored: hashed at once.
/// </summary>
public sealed record PersonIdentity(string FamilyName, string GivenName, DateOnly? DateOfBirth);

/// <summary>
/// What the national read model may know of a referral: codes and bands, and the identities its pseudonyms are made from.
/// </summary>
/// <param name="ReceivedOn">The UK day the referral was received.</param>
/// <param name="OffenceTypeCode">The offence type's code.</param>
/// <param name="Relationship">The offender's relationship to the person harmed.</param>
/// <param name="Ipv">Whether the offence is intimate-partner.</param>
/// <param name="DashLevel">The provider's screening level, else the police's; a professional-judgement override counts.</param>
/// <param name="Cohort">The group the offender would join; null for a family offence by a woman (no such group).</param>
/// <param name="Sex">The offender's recorded sex.</param>
/// <param name="AgeBand">The offender's age on the day of referral as a band: 18-24, 25-34, 35-44, 45-54, 55+.</param>
/// <param name="Ethnicity">The offender's self-defined ethnicity code, when recorded.</param>
/// <param name="Language">The offender's preferred language.</param>
/// <param name="Offender">The offender's identity; null once the referral is anonymised (nothing is left to link).</param>
/// <param name="Victim">The victim's identity from the victim record (no date of birth is held); null when there is none.</param>
/// <param name="ReturnReasons">For a returned referral, why, as codes: the eligibility rules the provider's screening fails
/// (<see cref="EligibilityRules.Codes"/>), <c>provider-judgement</c> when the provider returned it though the rules pass, or
/// <c>uncontactable</c>; empty otherwise.</param>
public sealed record NationalReferralProfile(
    DateOnly ReceivedOn,
    string OffenceTypeCode,
    OffenceRelationship Relationship,
    bool Ipv,
    DashRisk DashLevel,
    Sex Sex,
    Cohort? Cohort,
    string AgeBand,
    string? Ethnicity,
    string Language,
    PersonIdentity? Offender,
    PersonIdentity? Victim,
    IReadOnlyList<string> ReturnReasons);

/// <summary>
/// The referrals feature's answer to the national read model: a referral's profile, read on the relayed tenant's context.
/// The national module pseudonymises the identities at once; nothing else about the offender or victim leaves here.
/// </summary>
public interface INationalReferralProfiles
{
    /// <summary>The profile, or null when the referral is not in <paramref name="tenant"/>'s data.</summary>
    Task<NationalReferralProfile?> FindAsync(CaraTenantInfo tenant, Guid referralId, CaraDbContext db, CancellationToken cancellationToken);
}
