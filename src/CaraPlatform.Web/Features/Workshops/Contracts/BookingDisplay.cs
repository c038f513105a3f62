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

    public static string StatusClass(BookingStatus status) => status switch
    {
        BookingStatus.NonCompliant => "badge badge-warning",
        BookingStatus.Cancelled => "badge badge-closed",
        _ => "badge badge-open",
    };
}
