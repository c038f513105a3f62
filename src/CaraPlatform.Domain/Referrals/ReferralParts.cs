using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>The out-of-court disposal whose condition is attending CARA.</summary>
public enum DisposalType { ConditionalCaution, DiversionaryCaution }

/// <summary>
/// The offender's relationship to the person harmed. Partners make the offence intimate-partner (IPV); the
/// rest are family (non-IPV). Only the relationship is kept here: who the victim is lives in the victim record.
/// </summary>
public enum OffenceRelationship { CurrentPartner, FormerPartner, Parent, Child, Sibling, OtherFamilyMember }

/// <summary>The offence the caution is for.</summary>
public sealed record Offence(string TypeCode, DateOnly Date, OffenceRelationship Relationship)
{
    /// <summary>Derived, not stored, so it can never disagree with the relationship.</summary>
    public bool IsIpv => IsIntimatePartner(Relationship);

    public static bool IsIntimatePartner(OffenceRelationship relationship) =>
        relationship is OffenceRelationship.CurrentPartner or OffenceRelationship.FormerPartner;
}

/// <summary>What the provider needs to contact and book the offender; nothing more.</summary>
public sealed record Offender(string GivenName, string FamilyName, DateOnly DateOfBirth, Sex Sex, string PreferredLanguage = "en")
{
    public const int NameMaxLength = 100;
    public const int AddressLineMaxLength = 200;
    public const int TownMaxLength = 100;
    public const int PhoneMaxLength = 30;
    public const int EmailMaxLength = 254;
    public const int NeedsMaxLength = 2000;

    /// <summary>Stands in for an erased name, which the referral requires.</summary>
    public const string Erased = "(erased)";

    public string? AddressLine1 { get; init; }

    public string? AddressLine2 { get; init; }

    public string? Town { get; init; }

    /// <summary>UK postcode in normal form.</summary>
    public string? Postcode { get; init; }

    public string? Phone { get; init; }

    public string? Email { get; init; }

    /// <summary>Whether the offender needs an interpreter in <see cref="PreferredLanguage"/> to take part.</summary>
    public bool InterpreterNeeded { get; init; }

    /// <summary>What the venue or the facilitators must allow for (mobility, hearing, literacy, ...).</summary>
    public string? AccessibilityNeeds { get; init; }

    /// <summary>Children live in the household: the victim-contact service weighs it in safeguarding.</summary>
    public bool ChildrenInHousehold { get; init; }

    /// <summary>Self-defined ethnicity (<see cref="EthnicityCodes"/>), when the police recorded it: for the national picture of who is referred.</summary>
    public string? Ethnicity { get; init; }

    /// <summary>
    /// The offender with nothing left to identify them: the year of birth stays (for age bands), and so do sex, language,
    /// ethnicity and the yes/no needs, which say nothing about who they are.
    /// </summary>
    public Offender Anonymised() =>
        new(Erased, Erased, new DateOnly(DateOfBirth.Year, 1, 1), Sex, PreferredLanguage)
        {
            InterpreterNeeded = InterpreterNeeded,
            ChildrenInHousehold = ChildrenInHousehold,
            Ethnicity = Ethnicity,
        };

    /// <summary>
    /// The day the offender turns <paramref name="years"/>. Someone born on 29 February comes of age on
    /// 1 March in a non-leap year (Family Law Reform Act 1969 s.9), not on 28 February as AddYears would say.
    /// </summary>
    public DateOnly Birthday(int years)
    {
        var birthday = DateOfBirth.AddYears(years);
        return DateOfBirth is { Month: 2, Day: 29 } && birthday.Day == 28 ? birthday.AddDays(1) : birthday;
    }
}

/// <summary>The police officer who gave the caution and made the referral; the provider's contact for questions.</summary>
public sealed record ReferringOfficer(string Name, string? CollarNumber, string Email, string? Phone)
{
    public const int NameMaxLength = 100;
    public const int CollarNumberMaxLength = 20;

    /// <summary>The officer of an anonymised referral: who they were would point back to the case.</summary>
    public static readonly ReferringOfficer Erased = new(Offender.Erased, null, "", null);
}

/// <summary>
/// Everything the police send with a referral, and what they may correct before screening starts. The victim's
/// details travel beside it (in the intake request) but never in it.
/// </summary>
/// <param name="PoliceAnswers">The eligibility answers as asserted by the police; the provider's own screening may differ.</param>
public sealed record ReferralDetails(
    string PoliceReference,
    string ForceCode,
    DisposalType DisposalType,
    DateOnly DisposalDate,
    ReferringOfficer Officer,
    Offence Offence,
    Offender Offender,
    ScreeningAnswers PoliceAnswers);

/// <summary>Who did something to a referral; kept by name as well as id so the timeline reads after staff leave.</summary>
public sealed record ReferralActor(Guid Id, string Name);

/// <summary>One entry on a referral's timeline. <see cref="From"/> is null only for the referral's receipt.</summary>
public sealed record ReferralTransition(
    ReferralStatus? From, ReferralStatus To, ReferralAction Action, DateTimeOffset At, Guid ActorId, string ActorName, string? Reason);

/// <summary>
/// The run a referral is booked on and when its two workshops start. The police are told only the dates; the run is
/// for the platform's own readers of the event.
/// </summary>
public sealed record BookedWorkshops(Guid RunId, DateTimeOffset Workshop1StartsAt, DateTimeOffset Workshop2StartsAt);
