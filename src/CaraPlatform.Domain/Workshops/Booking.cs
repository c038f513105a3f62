using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Workshops;

/// <summary>Where a participant's place on a run stands.</summary>
public enum BookingStatus
{
    /// <summary>The live booking: a place is held on the run.</summary>
    Booked,

    /// <summary>Attended both workshops of the run.</summary>
    Completed,

    /// <summary>Late or absent at a workshop of the run: the place ends, the police decide what follows.</summary>
    NonCompliant,

    /// <summary>The booking or the run was cancelled: the referral needs a new run.</summary>
    Cancelled,
}

/// <summary>
/// A referral's place on a course run. Only one booking per referral is live at a time (a partial unique index),
/// and the run's booked count can never pass its capacity (a check constraint): the database holds both rules
/// however many coordinators book at once.
/// </summary>
public sealed class Booking : ITenantOwned, ITimestamped
{
    public const int ReasonMaxLength = 2000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid RunId { get; init; }

    public required Guid ReferralId { get; init; }

    public BookingStatus Status { get; private set; } = BookingStatus.Booked;

    public required DateTimeOffset BookedAt { get; init; }

    public required Guid BookedBy { get; init; }

    public AttendanceMark? Workshop1 { get; private set; }

    public AttendanceMark? Workshop2 { get; private set; }

    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>Why a cancelled booking ended.</summary>
    public string? CancelReason { get; private set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }

    public bool IsLive => Status == BookingStatus.Booked;

    /// <summary>Marks one workshop and returns what the marks now mean for the participant.</summary>
    public AttendanceOutcome Mark(WorkshopNumber workshop, AttendanceMark mark, DateTimeOffset at)
    {
        if (!IsLive)
            throw new InvalidOperationException($"A {Status} booking takes no more attendance.");
        if (workshop == WorkshopNumber.Workshop1) Workshop1 = mark;
        else Workshop2 = mark;
        var outcome = AttendanceOutcomes.For(Workshop1, Workshop2);
        if (outcome is AttendanceOutcome.Completed or AttendanceOutcome.NonCompliant)
        {
            Status = outcome == AttendanceOutcome.Completed ? BookingStatus.Completed : BookingStatus.NonCompliant;
            EndedAt = at;
        }

        return outcome;
    }

    /// <summary>Clears the cancellation's reason (retention erasure): the words may name the participant's circumstances.</summary>
    public void EraseReason() => CancelReason = null;

    public void Cancel(string reason, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!IsLive)
            throw new InvalidOperationException($"A {Status} booking cannot be cancelled.");
        Status = BookingStatus.Cancelled;
        CancelReason = reason.Trim();
        EndedAt = at;
    }
}
