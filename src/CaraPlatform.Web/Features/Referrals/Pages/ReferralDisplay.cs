using System.Globalization;
using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Web.Platform.Access;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>How the referral pages write statuses, actions, dates and answers; and who the signed-in person is in the tenant.</summary>
public static class ReferralDisplay
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

    public static string Action(ReferralAction action) => action switch
    {
        ReferralAction.Receive => "Received",
        ReferralAction.StartScreening => "Screening started",
        ReferralAction.ConfirmEligible => "Screened eligible",
        ReferralAction.ReturnIneligible => "Returned: not eligible",
        ReferralAction.ReturnUncontactable => "Returned: not contactable",
        ReferralAction.Book => "Booked",
        ReferralAction.RecordWorkshop1Attended => "Attended Workshop 1",
        ReferralAction.RecordWorkshop2Attended => "Attended Workshop 2",
        ReferralAction.RecordNonCompliance => "Non-compliance recorded",
        ReferralAction.AllowRebooking => "Police allowed re-booking",
        ReferralAction.Close => "Police closed the referral",
        ReferralAction.Withdraw => "Withdrawn by the police",
        ReferralAction.RecordFirstContact => "First contact with the offender",
        ReferralAction.ExtendDeadline => "Deadline extended",
        ReferralAction.Correct => "Corrected by the police",
        ReferralAction.CancelBooking => "Booking cancelled: to be re-booked",
        ReferralAction.NoteRunChanged => "Workshop run changed",
        _ => action.ToString(),
    };

    public static string Relationship(OffenceRelationship relationship) => relationship switch
    {
        OffenceRelationship.CurrentPartner => "Current partner",
        OffenceRelationship.FormerPartner => "Former partner",
        OffenceRelationship.OtherFamilyMember => "Other family member",
        _ => relationship.ToString(),
    };

    /// <summary>The signed-in person's roles in the tenant (none when not a member).</summary>
    public static async Task<IReadOnlyList<TenantRole>> RolesAsync(
        this UserTenants userTenants, CaraTenantInfo tenant, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.PersonId() is { } personId ? await userTenants.RolesIn(tenant, personId, cancellationToken) ?? [] : [];
}
