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

    /// <summary>A badge class by kind of state; the text always says the state too, so colour never carries meaning alone.</summary>
    public static string StatusClass(ReferralStatus status) =>
        ReferralLifecycle.Terminal.Contains(status) ? "badge badge-closed"
        : status == ReferralStatus.NonCompliant ? "badge badge-warning"
        : "badge badge-open";
}
