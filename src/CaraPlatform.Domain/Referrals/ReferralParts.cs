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
    public bool IsIpv => Relationship is OffenceRelationship.CurrentPartner or OffenceRelationship.FormerPartner;
}

/// <summary>What the provider needs to contact and book the offender; nothing more.</summary>
public sealed record Offender(string GivenName, string FamilyName, DateOnly DateOfBirth, Sex Sex, string PreferredLanguage = "en")
{
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

/// <summary>Who did something to a referral; kept by name as well as id so the timeline reads after staff leave.</summary>
public sealed record ReferralActor(Guid Id, string Name);

/// <summary>One entry on a referral's timeline. <see cref="From"/> is null only for the referral's receipt.</summary>
public sealed record ReferralTransition(
    ReferralStatus? From, ReferralStatus To, ReferralAction Action, DateTimeOffset At, Guid ActorId, string ActorName, string? Reason);
