using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops.Contracts;

/// <summary>A participant's place on a run.</summary>
/// <param name="Id">Booking id.</param>
/// <param name="RunId">The run.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PoliceReference">The referral's police reference.</param>
/// <param name="ParticipantName">The offender's name.</param>
/// <param name="Status">Booked, Completed, NonCompliant or Cancelled.</param>
/// <param name="Workshop1">Workshop 1's mark, once recorded.</param>
/// <param name="Workshop2">Workshop 2's mark, once recorded.</param>
/// <param name="Workshop1Date">Workshop 1's date.</param>
/// <param name="Workshop2Date">Workshop 2's date.</param>
/// <param name="BookedAt">When booked.</param>
/// <param name="CancelReason">Why it was cancelled (the provider's words); null for the police.</param>
/// <param name="Version">Row version.</param>
public sealed record BookingResponse(
    Guid Id, Guid RunId, Guid ReferralId, string PoliceReference, string ParticipantName, BookingStatus Status, AttendanceMark? Workshop1,
    AttendanceMark? Workshop2, DateOnly Workshop1Date, DateOnly Workshop2Date, DateTimeOffset BookedAt, string? CancelReason, uint Version)
{
    /// <summary>What the police follow of a booking: dates, status and attendance, not the provider's reason for a cancellation.</summary>
    public BookingResponse ForPolice() => this with { CancelReason = null };
}
