namespace CaraPlatform.Web.Features.Workshops.Contracts;

/// <summary>Who facilitates a participant's runs, for a feature that must keep those people apart from the case.</summary>
public interface IParticipantFacilitators
{
    /// <summary>The facilitators of every run the referral is booked on or was booked on without cancellation.</summary>
    Task<IReadOnlyList<Guid>> OfParticipantAsync(Guid referralId, CancellationToken cancellationToken);
}
