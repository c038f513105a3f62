using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Training;

/// <summary>The licence holder's training courses; facilitator training (initial or refresher) is what scheduling checks.</summary>
public enum TrainingCourseKind
{
    FacilitatorInitial,
    FacilitatorRefresher,
    VictimContactWorker,
    CoordinatorInduction,
    PoliceAwareness,
}

/// <summary>
/// A course in the licence holder's catalogue. Completing it (signed off where it is facilitator training) makes a
/// person competent for <see cref="ValidityMonths"/> months.
/// </summary>
[GlobalEntity]
public sealed class TrainingCourse : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>One course per kind: the catalogue is the list of kinds, each with its name and validity.</summary>
    public TrainingCourseKind Kind { get; init; }

    public required string Name { get; set; }

    public int ValidityMonths { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Whether completing this course qualifies a person to facilitate a run.</summary>
    public static bool QualifiesFacilitator(TrainingCourseKind kind) =>
        kind is TrainingCourseKind.FacilitatorInitial or TrainingCourseKind.FacilitatorRefresher;

    /// <summary>The catalogue as first installed; the licence holder may rename courses and change validities.</summary>
    public static IReadOnlyList<(TrainingCourseKind Kind, string Name, int ValidityMonths)> Defaults { get; } =
    [
        (TrainingCourseKind.FacilitatorInitial, "Facilitator initial training", 24),
        (TrainingCourseKind.FacilitatorRefresher, "Facilitator refresher", 24),
        (TrainingCourseKind.VictimContactWorker, "Victim-contact worker training", 24),
        (TrainingCourseKind.CoordinatorInduction, "Coordinator induction", 36),
        (TrainingCourseKind.PoliceAwareness, "Police and SPOC awareness", 36),
    ];
}

/// <summary>
/// A course a person completed: from a training event, or imported from the licence holder's historic spreadsheets.
/// Facilitator training counts for scheduling only once a Trainer has signed the person's competence off.
/// </summary>
[GlobalEntity]
public sealed class TrainingRecord : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public Guid CourseId { get; init; }

    public TrainingCourseKind Kind { get; init; }

    public DateOnly CompletedOn { get; set; }

    /// <summary>Completion plus the course's validity when recorded; a later change of validity does not move it.</summary>
    public DateOnly ExpiresOn { get; set; }

    /// <summary>The event it was completed at; null for an imported record.</summary>
    public Guid? EventId { get; init; }

    /// <summary>The Trainer who signed the person's competence off, and when; null while unsigned.</summary>
    public Guid? SignedOffBy { get; set; }

    public DateOnly? SignedOffOn { get; set; }

    /// <summary>The workshop the Trainer observed for the sign-off, if they cite one (free reference, e.g. a run and date).</summary>
    public string? ObservedWorkshop { get; set; }

    /// <summary>The quality-assurance review whose observation of this person the Trainer cites for the sign-off, if any.</summary>
    public Guid? ObservationReviewId { get; set; }

    /// <summary>Set when the record came from a CSV import: which file, so that an import can be told apart.</summary>
    public string? ImportedFrom { get; init; }

    /// <summary>When the person was told the record is about to expire, so that they are told once.</summary>
    public DateOnly? ExpiryRemindedOn { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsSignedOff => SignedOffBy is not null || (ImportedFrom is not null && SignedOffOn is not null);
}

public enum SupervisionKind
{
    Individual,
    Group,
}

/// <summary>A supervision session of a person by a supervisor; its notes are the licence holder's alone.</summary>
[GlobalEntity]
public sealed class SupervisionRecord : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    /// <summary>The supervisor's account when they have one; imported history may name them only.</summary>
    public Guid? SupervisorUserId { get; init; }

    public required string SupervisorName { get; init; }

    public DateOnly HeldOn { get; init; }

    public SupervisionKind Kind { get; init; }

    /// <summary>Readable by licence-holder staff only: never shown on a tenant's pages or in its API.</summary>
    public string? Notes { get; set; }

    public string? ImportedFrom { get; init; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
