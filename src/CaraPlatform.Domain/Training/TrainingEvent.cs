using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Training;

/// <summary>
/// A course the licence holder runs on given days, led by a Trainer, at a venue or remotely, for people of any tenant.
/// Completing it gives each attendee who was there a <see cref="TrainingRecord"/>.
/// </summary>
[GlobalEntity]
public sealed class TrainingEvent : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CourseId { get; set; }

    public TrainingCourseKind Kind { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>The person with the Trainer platform role who leads it.</summary>
    public Guid TrainerUserId { get; set; }

    /// <summary>Where it is held; null for a remote event.</summary>
    public string? Venue { get; set; }

    public bool IsRemote => Venue is null;

    public int Capacity { get; set; }

    public DateTimeOffset? CancelledAt { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>Set once completions are recorded: the event is over and its attendees' records exist.</summary>
    public DateOnly? CompletedOn { get; set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsCancelled => CancelledAt is not null;
}

/// <summary>Where a person stands on an event: put forward by their coordinator, then accepted or declined by the Trainer.</summary>
public enum AttendeeStatus
{
    Nominated,
    Declined,
    Enrolled,
}

/// <summary>
/// A person on a training event's list. The Trainer enrols people directly, or accepts or declines those a tenant's
/// Coordinator nominated; attendance is marked once the event has started.
/// </summary>
[GlobalEntity]
public sealed class TrainingAttendee : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid EventId { get; init; }

    public Guid UserId { get; init; }

    public AttendeeStatus Status { get; set; }

    /// <summary>The tenant whose Coordinator nominated the person, so the coordinator sees the answer; null when the Trainer enrolled them.</summary>
    public Guid? NominatedByTenantId { get; init; }

    public Guid? NominatedBy { get; init; }

    /// <summary>Null until the register is taken.</summary>
    public bool? Attended { get; set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
