using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Workshops;

/// <summary>
/// A run as its events carry it: when, where (the venue, never the meeting link), for whom and who runs it.
/// </summary>
public sealed record RunFacts(
    Guid Id, Cohort Cohort, string Language, WorkshopSession Workshop1, WorkshopSession Workshop2, WorkshopDelivery Delivery,
    Guid? VenueId, int Capacity, IReadOnlyList<Guid> FacilitatorIds)
{
    public static RunFacts Of(CourseRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.Cohort, run.Language, run.Workshop1, run.Workshop2, run.Delivery, run.VenueId, run.Capacity, [.. run.FacilitatorIds]);
    }
}

[DomainEvent("run.scheduled", 1)]
public sealed record RunScheduled(RunFacts Run, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => Run.Id;
}

/// <summary>Its dates, times, place, capacity, cohort, language or facilitators changed; <see cref="Run"/> is the run as it is now.</summary>
[DomainEvent("run.changed", 1)]
public sealed record RunChanged(RunFacts Run, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => Run.Id;
}

[DomainEvent("run.cancelled", 1)]
public sealed record RunCancelled(Guid RunId, DateTimeOffset OccurredAt, string? Reason) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => RunId;
}

/// <summary>
/// A participant's answers before or after the course: for the programme's measures, never for the police.
/// <see cref="Stage"/> came later: payloads stored without it were all taken after the course, hence its default.
/// </summary>
[DomainEvent("feedback.recorded", 1)]
public sealed record FeedbackRecorded(
    Guid FeedbackId, Guid RunId, Guid ReferralId, IReadOnlyList<FeedbackAnswer> Answers, DateTimeOffset OccurredAt,
    FeedbackStage Stage = FeedbackStage.PostCourse) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => FeedbackId;
}
