namespace CaraPlatform.Web.Features.Workshops.Contracts;

/// <summary>A referral's workshops, for the pages that show the referral: what the SPOC follows.</summary>
public interface IReferralBookings
{
    /// <summary>Every run the referral was booked on, newest first, with each workshop's mark; none for an unknown referral.</summary>
    Task<List<BookingResponse>> OfReferralAsync(Guid referralId, CancellationToken cancellationToken);
}
