using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Domain.Workshops;

/// <summary>How a run is delivered: in a venue, or remotely (introduced during COVID).</summary>
public enum WorkshopDelivery { Venue, Remote }

/// <summary>
/// A course run: one group's Workshop 1 and Workshop 2, in one cohort and language, with two facilitators.
/// Every participant attends both workshops of the same run; a re-booked participant starts again on a new run.
/// </summary>
public sealed class CourseRun : ITenantOwned, ITimestamped
{
    /// <summary>Programme rule: a group has exactly two facilitators.</summary>
    public const int FacilitatorCount = 2;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Cohort Cohort { get; set; }

    /// <summary>The language the workshops are delivered in, as one of the tenant's language codes ("en", "pl", "pa").</summary>
    public required string Language { get; set; }

    public required WorkshopSession Workshop1 { get; set; }

    public required WorkshopSession Workshop2 { get; set; }

    public required WorkshopDelivery Delivery { get; set; }

    /// <summary>The venue, for a run delivered in one; none for a remote run.</summary>
    public Guid? VenueId { get; set; }

    /// <summary>
    /// The remote meeting's link. Shown to staff; offender-facing output takes it only through
    /// <see cref="ForParticipant"/>, which withholds it until the participant's booking is confirmed.
    /// </summary>
    public Uri? MeetingLink { get; set; }

    /// <summary>Places on the run: at most 12, and at most the venue's capacity.</summary>
    public int Capacity { get; set; } = Venue.MaxCapacity;

    /// <summary>User ids of the run's facilitators: two different people.</summary>
    public List<Guid> FacilitatorIds { get; set; } = [];

    /// <summary>Live bookings on the run. Kept by the database (never above <see cref="Capacity"/>), not counted by hope.</summary>
    public int BookedCount { get; set; }

    public bool IsCancelled => CancelledAt is not null;

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    public uint Version { get; set; }

    public int SeatsLeft => IsCancelled ? 0 : Math.Max(0, Capacity - BookedCount);

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public WorkshopSession Session(WorkshopNumber workshop) => workshop switch
    {
        WorkshopNumber.Workshop1 => Workshop1,
        WorkshopNumber.Workshop2 => Workshop2,
        _ => throw new ArgumentOutOfRangeException(nameof(workshop), workshop, "A run has Workshop 1 and Workshop 2 only."),
    };

    public bool IsFacilitator(Guid userId) => userId != Guid.Empty && FacilitatorIds.Contains(userId);

    /// <summary>
    /// What the offender may be told about the run. The meeting link is only for a confirmed booking, so a link
    /// passed around before confirmation cannot let an unbooked person into the group.
    /// </summary>
    public ParticipantRunDetails ForParticipant(bool bookingConfirmed) => new(
        Id, Language, Workshop1, Workshop2, Delivery, VenueId,
        MeetingLink: bookingConfirmed && Delivery == WorkshopDelivery.Remote ? MeetingLink : null);
}

/// <summary>
/// The offender-facing view of a run: dates, times and where. No facilitator ids and no meeting link until the
/// booking is confirmed.
/// </summary>
public sealed record ParticipantRunDetails(
    Guid RunId, string Language, WorkshopSession Workshop1, WorkshopSession Workshop2,
    WorkshopDelivery Delivery, Guid? VenueId, Uri? MeetingLink);
