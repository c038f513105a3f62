using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Domain.VictimContact;

/// <summary>How the victim-contact service may safely reach the victim.</summary>
public enum SafeContactMethod { Phone, TextMessage, Email, Letter, ThroughAnotherAgency }

/// <summary>
/// The victim's details as the police pass them to the victim-contact service. Kept out of the referral and
/// stored only encrypted (<see cref="VictimRecord.ProtectedDetails"/>): nothing offender-facing can reach them.
/// </summary>
public sealed record VictimDetails(
    string GivenName,
    string FamilyName,
    OffenceRelationship Relationship,
    SafeContactMethod SafeContactMethod,
    string? Phone,
    string? Email,
    string? Address,
    string? SafeContactTimes,
    bool ContactConsented,
    string? Notes)
{
    public const int NameMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;
    public const int AddressMaxLength = 500;
    public const int TextMaxLength = 2000;
}

/// <summary>
/// The victim-contact service's record for one referral. The details are ciphertext: the data layer encrypts
/// them with a key held in the database (itself encrypted with a certificate the database does not hold), bound to
/// the tenant, and only the victim-contact endpoints decrypt.
/// </summary>
public sealed class VictimRecord : ITenantOwned, ITimestamped
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid ReferralId { get; init; }

    /// <summary>The encrypted <see cref="VictimDetails"/>; never plaintext at rest.</summary>
    public required string ProtectedDetails { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
