using CaraPlatform.Domain.QaReviews;

namespace CaraPlatform.Web.Features.QaReviews;

/// <summary>One rubric domain's score.</summary>
/// <param name="Domain">FidelityToManual, FacilitationSkills, GroupSafetyAndManagement, ParticipantEngagement or TimekeepingAndStructure.</param>
/// <param name="Score">1 (inadequate) to 4 (outstanding).</param>
/// <param name="Narrative">What the reviewer saw.</param>
public sealed record QaScoreRequest(QaDomain? Domain, int? Score, string? Narrative);

/// <summary>An action for the provider.</summary>
/// <param name="Text">What is to be done.</param>
/// <param name="Owner">Who at the provider owns it (a role or a name).</param>
/// <param name="DueOn">By when.</param>
public sealed record QaActionRequest(string? Text, string? Owner, DateOnly? DueOn);

/// <summary>The review form: the observation, its rubric, findings and actions. A draft may leave scores and the rating out.</summary>
public interface IQaObservationRequest
{
    ObservationMode? Mode { get; }

    DateOnly? ObservedOn { get; }

    List<Guid>? FacilitatorIds { get; }

    List<QaScoreRequest>? Scores { get; }

    QaRating? Rating { get; }

    string? Findings { get; }

    List<QaActionRequest>? Actions { get; }
}

/// <summary>A new review of a run, as a draft.</summary>
/// <param name="Tenant">The tenant's slug.</param>
/// <param name="RunId">The run observed (one of the runs to observe).</param>
/// <param name="Mode">Live or Recording.</param>
/// <param name="ObservedOn">The day observed (or the recording watched).</param>
/// <param name="FacilitatorIds">The facilitators observed: facilitators of the run.</param>
/// <param name="Scores">Each domain at most once.</param>
/// <param name="Rating">Inadequate, RequiresImprovement, Good or Outstanding.</param>
/// <param name="Findings">The reviewer's findings.</param>
/// <param name="Actions">Actions for the provider.</param>
public sealed record DraftQaReviewRequest(
    string? Tenant, Guid? RunId, ObservationMode? Mode, DateOnly? ObservedOn, List<Guid>? FacilitatorIds, List<QaScoreRequest>? Scores,
    QaRating? Rating, string? Findings, List<QaActionRequest>? Actions) : IQaObservationRequest;

/// <summary>The draft's form again, whole, with the version read (409 when it changed meanwhile).</summary>
public sealed record ReviseQaReviewRequest(
    ObservationMode? Mode, DateOnly? ObservedOn, List<Guid>? FacilitatorIds, List<QaScoreRequest>? Scores, QaRating? Rating, string? Findings,
    List<QaActionRequest>? Actions, uint? Version) : IQaObservationRequest;

/// <summary>A move that carries nothing but the version read (submitting, verifying an action).</summary>
public sealed record QaReviewVersionRequest(uint? Version);

/// <summary>The provider's acknowledgement of a submitted review.</summary>
/// <param name="Response">The provider's answer to the findings, if any.</param>
/// <param name="Version">The version read.</param>
public sealed record AcknowledgeQaReviewRequest(string? Response, uint? Version);

/// <summary>The provider's evidence that an action is done.</summary>
public sealed record QaEvidenceRequest(string? Evidence, uint? Version);

internal static class QaObservationRules
{
    public static void Observation<T>(AbstractValidator<T> validator) where T : IQaObservationRequest
    {
        validator.RuleFor(r => r.Mode).NotNull().IsInEnum();
        validator.RuleFor(r => r.ObservedOn).NotNull();
        validator.RuleFor(r => r.FacilitatorIds).NotNull();
        validator.RuleFor(r => r.Scores).NotNull()
            .Must(s => s!.Select(x => x.Domain).Distinct().Count() == s!.Count).When(r => r.Scores is not null)
            .WithMessage("'scores' must score each domain at most once.");
        validator.RuleForEach(r => r.Scores).ChildRules(score =>
        {
            score.RuleFor(s => s.Domain).NotNull().IsInEnum();
            score.RuleFor(s => s.Score).NotNull().InclusiveBetween(QaDomainScore.Lowest, QaDomainScore.Highest);
            score.RuleFor(s => s.Narrative).MaximumLength(4000);
        });
        validator.RuleFor(r => r.Rating).IsInEnum();
        validator.RuleFor(r => r.Findings).MaximumLength(10000);
        validator.RuleFor(r => r.Actions).NotNull();
        validator.RuleForEach(r => r.Actions).ChildRules(action =>
        {
            action.RuleFor(a => a.Text).NotEmpty().MaximumLength(1000);
            action.RuleFor(a => a.Owner).NotEmpty().MaximumLength(200);
            action.RuleFor(a => a.DueOn).NotNull();
        });
    }
}

internal sealed class DraftQaReviewRequestValidator : AbstractValidator<DraftQaReviewRequest>
{
    public DraftQaReviewRequestValidator()
    {
        RuleFor(r => r.Tenant).NotEmpty();
        RuleFor(r => r.RunId).NotNull();
        QaObservationRules.Observation(this);
    }
}

internal sealed class ReviseQaReviewRequestValidator : AbstractValidator<ReviseQaReviewRequest>
{
    public ReviseQaReviewRequestValidator()
    {
        QaObservationRules.Observation(this);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class QaReviewVersionRequestValidator : AbstractValidator<QaReviewVersionRequest>
{
    public QaReviewVersionRequestValidator() => RuleFor(r => r.Version).NotNull();
}

internal sealed class AcknowledgeQaReviewRequestValidator : AbstractValidator<AcknowledgeQaReviewRequest>
{
    public AcknowledgeQaReviewRequestValidator()
    {
        RuleFor(r => r.Response).MaximumLength(10000);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class QaEvidenceRequestValidator : AbstractValidator<QaEvidenceRequest>
{
    public QaEvidenceRequestValidator()
    {
        RuleFor(r => r.Evidence).NotEmpty().MaximumLength(4000);
        RuleFor(r => r.Version).NotNull();
    }
}
