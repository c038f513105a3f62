using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Portal;

/// <summary>How every portal page writes dates, times, answers and a referral's status, the UK way.</summary>
public static class PortalDisplay
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", Uk);

    public static string Date(DateOnly? date) => date is { } d ? Date(d) : "";

    /// <summary>An instant as a UK wall-clock time.</summary>
    public static string Time(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, UkCalendar.Zone).ToString("d MMM yyyy HH:mm", Uk);

    /// <summary>For date inputs (yyyy-MM-dd).</summary>
    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    /// <summary>A role as people say it.</summary>
    public static string Role(TenantRole role) => role switch
    {
        TenantRole.ProviderAdmin => "Provider admin",
        TenantRole.VictimContactWorker => "Victim contact worker",
        TenantRole.DataProtectionOfficer => "Data protection officer",
        TenantRole.ForceSpoc => "Force SPOC",
        _ => role.ToString(),
    };

    public static string Roles(IEnumerable<TenantRole> roles) => string.Join(", ", roles.Select(Role));

    public static string Role(PlatformRole role) => role switch
    {
        PlatformRole.LicenceAdmin => "Licence admin",
        PlatformRole.QualityAssurer => "Quality assurer",
        _ => role.ToString(),
    };

    public static string Roles(IEnumerable<PlatformRole> roles) => string.Join(", ", roles.Select(Role));

    public static string YesNo(bool? value) => value switch { true => "Yes", false => "No", null => "Not answered" };

    public static string Status(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "Received",
        ReferralStatus.Screening => "Screening",
        ReferralStatus.Eligible => "Eligible",
        ReferralStatus.Booked => "Booked",
        ReferralStatus.AttendedWorkshop1 => "Attended Workshop 1",
        ReferralStatus.Completed => "Completed",
        ReferralStatus.ReturnedIneligible => "Returned: not eligible",
        ReferralStatus.ReturnedUncontactable => "Returned: not contactable",
        ReferralStatus.Withdrawn => "Withdrawn",
        ReferralStatus.NonCompliant => "Non-compliant",
        ReferralStatus.Closed => "Closed",
        _ => status.ToString(),
    };

    /// <summary>
    /// The GOV.UK tag classes for a status, by kind of state (waiting on the provider, on track, done, back with the
    /// police, breached, over); the tag's text always says the state too, so colour never carries meaning alone.
    /// </summary>
    public static string StatusClass(ReferralStatus status) => status switch
    {
        ReferralStatus.Received => "govuk-tag",
        ReferralStatus.Screening => "govuk-tag govuk-tag--teal",
        ReferralStatus.Eligible or ReferralStatus.Booked or ReferralStatus.AttendedWorkshop1 => "govuk-tag govuk-tag--turquoise",
        ReferralStatus.Completed => "govuk-tag govuk-tag--green",
        ReferralStatus.ReturnedIneligible or ReferralStatus.ReturnedUncontactable => "govuk-tag govuk-tag--orange",
        ReferralStatus.NonCompliant => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };
}
