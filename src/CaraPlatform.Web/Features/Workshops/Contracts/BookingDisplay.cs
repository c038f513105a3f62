using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops.Contracts;

/// <summary>How a booking and its attendance marks read, wherever a booking is shown (the run's pages, a referral's page).</summary>
public static class BookingDisplay
{
    public static string Mark(AttendanceMark? mark) => mark switch
    {
        AttendanceMark.Attended => "Attended",
        AttendanceMark.LateRefusedEntry => "Late – refused entry",
        AttendanceMark.Absent => "Absent",
        null => "Not recorded",
        _ => mark.ToString()!,
    };

    public static string Status(BookingStatus status) => status switch
    {
        BookingStatus.Booked => "Booked",
        BookingStatus.Completed => "Completed",
        BookingStatus.NonCompliant => "Non-compliant",
        BookingStatus.Cancelled => "Cancelled",
        _ => status.ToString(),
    };

    /// <summary>The GOV.UK tag for a booking's status; the tag's text always names the status, so colour never carries it alone.</summary>
    public static string StatusClass(BookingStatus status) => status switch
    {
        BookingStatus.Completed => "govuk-tag govuk-tag--green",
        BookingStatus.NonCompliant => "govuk-tag govuk-tag--red",
        BookingStatus.Cancelled => "govuk-tag govuk-tag--grey",
        _ => "govuk-tag govuk-tag--blue",
    };
}
