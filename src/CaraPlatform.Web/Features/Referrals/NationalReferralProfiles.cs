using System.Globalization;
using System.Text;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>The referral's national profile (see <see cref="INationalReferralProfiles"/>): the victim's name is decrypted here, and only to be hashed.</summary>
public sealed class NationalReferralProfiles(VictimDetailsProtector victims) : INationalReferralProfiles
{
    public const string Uncontactable = "uncontactable";

    public const string ProviderJudgement = "provider-judgement";

    public async Task<NationalReferralProfile?> FindAsync(CaraTenantInfo tenant, Guid referralId, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(db);
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null) return null;
        var victim = await db.VictimRecords.AsNoTracking().Where(v => v.ReferralId == referralId)
            .Select(v => v.ProtectedDetails).SingleOrDefaultAsync(cancellationToken);

        var offender = referral.Offender;
        var receivedOn = UkCalendar.DateOf(referral.ReceivedAt);
        var anonymised = offender.FamilyName == Offender.Erased;
        var offenderIdentity = anonymised ? null : new PersonIdentity(Normalised(offender.FamilyName), Normalised(offender.GivenName), offender.DateOfBirth);
        PersonIdentity? victimIdentity = null;
        if (!anonymised && victim is not null)
        {
            var details = victims.Unprotect(tenant.TenantId, victim);
            victimIdentity = new PersonIdentity(Normalised(details.FamilyName), Normalised(details.GivenName), null);
        }

        return new NationalReferralProfile(
            receivedOn, referral.Offence.TypeCode, referral.Offence.Relationship, referral.Offence.IsIpv,
            (referral.Screening ?? referral.PoliceAnswers).Dash.EffectiveLevel, offender.Sex, Cohorts.For(offender.Sex, referral.Offence.IsIpv),
            AgeBand(offender, receivedOn), offender.Ethnicity, offender.PreferredLanguage, offenderIdentity, victimIdentity,
            ReturnReasons(referral, tenant.Settings));
    }

    /// <summary>Age bands of the national returns; the 18 lower bound is the programme's (no one younger is referred).</summary>
    public static string AgeBand(Offender offender, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(offender);
        var age = on.Year - offender.DateOfBirth.Year;
        if (offender.Birthday(age) > on) age--;
        return age switch
        {
            < 25 => "18-24",
            < 35 => "25-34",
            < 45 => "35-44",
            < 55 => "45-54",
            _ => "55+",
        };
    }

    /// <summary>
    /// Letters and digits only, lower case, accents dropped: the same person however a form spelled them ("Łukasz" typed
    /// on an English keyboard is "Lukasz"). Letters with a stroke do not decompose, so they are mapped by hand.
    /// </summary>
    public static string Normalised(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var letters = name.ToLowerInvariant().Normalize(NormalizationForm.FormKD)
            .Where(c => char.IsLetterOrDigit(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => Unstroked.GetValueOrDefault(c, c.ToString()));
        return string.Concat(letters);
    }

    private static readonly Dictionary<char, string> Unstroked = new()
    {
        ['ł'] = "l",
        ['ø'] = "o",
        ['đ'] = "d",
        ['ħ'] = "h",
        ['ı'] = "i",
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['þ'] = "th",
    };

    private static IReadOnlyList<string> ReturnReasons(Referral referral, TenantDefinition tenant) => referral.Status switch
    {
        ReferralStatus.ReturnedUncontactable => [Uncontactable],
        ReferralStatus.ReturnedIneligible when referral.Screening is { } screening
            && EligibilityRules.Evaluate(referral.Offender, referral.Offence, screening, tenant) is { IsEligible: false } failed =>
            [.. failed.Reasons.Select(r => r.Code).Distinct()],
        ReferralStatus.ReturnedIneligible => [ProviderJudgement],
        _ => [],
    };
}
