using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.National.Contracts;

/// <summary>A facilitator of a run, as the national read model names them (staff, not a subject of the programme).</summary>
public sealed record RunFacilitator(Guid UserId, string Name);

/// <summary>
/// A run as the licence holder's reviewers may see it: dates, venue, facilitators and how many attended each workshop.
/// Nothing about any participant.
/// </summary>
public sealed record ObservableRun(
    Guid TenantId, Guid RunId, Cohort Cohort, string Language, WorkshopDelivery Delivery, int Capacity, DateOnly Workshop1On,
    DateOnly Workshop2On, string? VenueName, IReadOnlyList<RunFacilitator> Facilitators, int Workshop1Attended, int Workshop2Attended,
    DateOnly? CancelledOn);

/// <summary>
/// How many gave one answer to one question at a run; <see cref="Count"/> is null when fewer than five did (suppressed,
/// as every national figure is), so no one participant's answer can be told.
/// </summary>
public sealed record RunFeedbackCount(FeedbackStage Stage, string QuestionCode, int Answer, int? Count);

/// <summary>
/// What quality assurance reads of the tenants' runs, from the national read model only (never the tenants' tables):
/// the runs to observe and one run's facts with its participants' feedback in suppressed counts.
/// </summary>
public interface IRunFacts
{
    /// <summary>Runs (of one tenant, or all) whose Workshop 1 falls from <paramref name="from"/> to <paramref name="until"/>, soonest first.</summary>
    Task<IReadOnlyList<ObservableRun>> RunsAsync(Guid? tenantId, DateOnly from, DateOnly until, CancellationToken cancellationToken);

    /// <summary>The run, or null when the national read model has no such run of the tenant.</summary>
    Task<ObservableRun?> RunAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken);

    /// <summary>The run's feedback: every (stage, question, answer) given, counts under five suppressed.</summary>
    Task<IReadOnlyList<RunFeedbackCount>> FeedbackAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken);
}
