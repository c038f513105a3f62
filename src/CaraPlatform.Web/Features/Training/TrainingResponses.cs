using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training;

/// <summary>A catalogue course.</summary>
public sealed record CourseResponse(TrainingCourseKind Kind, string Name, int ValidityMonths, bool QualifiesFacilitator)
{
    internal static CourseResponse From(TrainingCourse c) => new(c.Kind, c.Name, c.ValidityMonths, TrainingCourse.QualifiesFacilitator(c.Kind));
}

/// <summary>A course a person completed, and its sign-off.</summary>
public sealed record TrainingRecordResponse(
    Guid Id, Guid UserId, TrainingCourseKind Course, DateOnly CompletedOn, DateOnly ExpiresOn,
    Guid? SignedOffBy, DateOnly? SignedOffOn, string? ObservedWorkshop, Guid? ObservationReviewId)
{
    internal static TrainingRecordResponse From(TrainingRecord r) =>
        new(r.Id, r.UserId, r.Kind, r.CompletedOn, r.ExpiresOn, r.SignedOffBy, r.SignedOffOn, r.ObservedWorkshop, r.ObservationReviewId);
}

/// <summary>A supervision session, with the licence holder's notes.</summary>
public sealed record SupervisionResponse(Guid Id, Guid UserId, DateOnly HeldOn, SupervisionKind Kind, string SupervisorName, string? Notes)
{
    internal static SupervisionResponse From(SupervisionRecord s) => new(s.Id, s.UserId, s.HeldOn, s.Kind, s.SupervisorName, s.Notes);
}

/// <summary>A person's record as the licence holder sees it: every course, every supervision, and what stops them facilitating today.</summary>
/// <param name="UserId">The person's account.</param>
/// <param name="Email">Their email.</param>
/// <param name="DisplayName">Their name.</param>
/// <param name="Tenants">The names of the services the person is a member of.</param>
/// <param name="Training">Every course completed, latest first.</param>
/// <param name="Supervision">Every supervision session with its notes, latest first.</param>
/// <param name="NextSupervisionDue">The cadence applied to the last session (or to the training, for someone not yet supervised).</param>
/// <param name="CompetenceGaps">Why the person may not facilitate a run held today; empty when they may.</param>
public sealed record PersonTrainingResponse(
    Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Tenants,
    IReadOnlyList<TrainingRecordResponse> Training, IReadOnlyList<SupervisionResponse> Supervision,
    DateOnly? NextSupervisionDue, IReadOnlyList<CompetenceGap> CompetenceGaps);

/// <summary>A person in the licence holder's list: their latest facilitator training and where it stands.</summary>
public sealed record PersonSummaryResponse(
    Guid UserId, string Email, string DisplayName, DateOnly? FacilitatorTrainingExpiresOn, TrainingStanding? Standing);
