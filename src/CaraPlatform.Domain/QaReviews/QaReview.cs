using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.QaReviews;

/// <summary>The five domains of the observation rubric, in the order the form asks them.</summary>
public enum QaDomain { FidelityToManual, FacilitationSkills, GroupSafetyAndManagement, ParticipantEngagement, TimekeepingAndStructure }

/// <summary>How the reviewer saw the workshop.</summary>
public enum ObservationMode { Live, Recording }

/// <summary>The reviewer's overall judgement, on the same four points as each domain.</summary>
public enum QaRating { Inadequate = 1, RequiresImprovement = 2, Good = 3, Outstanding = 4 }

/// <summary>
/// Where a review is: the reviewer drafts and submits it, the tenant's ProviderAdmin acknowledges it, and it closes
/// when the reviewer has verified every action's evidence (at once on acknowledgement when it has no actions).
/// </summary>
public enum QaReviewStatus { Draft, Submitted, Acknowledged, Closed }

/// <summary>One domain's score (1 to 4) and what the reviewer saw.</summary>
public sealed record QaDomainScore(QaDomain Domain, int Score, string Narrative)
{
    public const int Lowest = 1;
    public const int Highest = 4;
}

/// <summary>Something a draft lacks before it can be submitted, and the form's field that supplies it.</summary>
public sealed record QaReviewGap(string Field, string Message);

/// <summary>An action the reviewer sets: what, who owns it at the provider, and by when.</summary>
public sealed record QaActionPlan(string Text, string Owner, DateOnly DueOn);

/// <summary>
/// An action as it goes: set by the reviewer, evidenced by the provider, verified by the reviewer. Overdue while it is
/// past its due day and not verified, whatever evidence it has.
/// </summary>
public sealed record QaAction(
    Guid Id, string Text, string Owner, DateOnly DueOn, string? Evidence = null, Guid? EvidenceBy = null, DateTimeOffset? EvidenceAt = null,
    Guid? VerifiedBy = null, DateTimeOffset? VerifiedAt = null)
{
    public bool IsVerified => VerifiedAt is not null;

    public bool IsOverdue(DateOnly today) => !IsVerified && today > DueOn;
}

/// <summary>Everything the reviewer writes on the form; the draft takes it whole each time.</summary>
public sealed record QaObservation(
    ObservationMode Mode, DateOnly ObservedOn, IReadOnlyList<Guid> FacilitatorIds, IReadOnlyList<QaDomainScore> Scores, QaRating? Rating,
    string? Findings, IReadOnlyList<QaActionPlan> Actions);

/// <summary>
/// The licence holder's quality-assurance review of one run of a tenant (global table, keyed by its own id): the
/// observation, its rubric and actions, and the exchange with the provider that closes it.
/// </summary>
[GlobalEntity]
public sealed class QaReview : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid TenantId { get; init; }

    /// <summary>The run observed, as the national read model keys it.</summary>
    public Guid RunId { get; init; }

    public Guid ReviewerId { get; init; }

    public QaReviewStatus Status { get; private set; }

    public ObservationMode Mode { get; private set; }

    public DateOnly ObservedOn { get; private set; }

    public List<Guid> FacilitatorIds { get; private set; } = [];

    public List<QaDomainScore> Scores { get; private set; } = [];

    public QaRating? Rating { get; private set; }

    public string? Findings { get; private set; }

    public List<QaAction> Actions { get; private set; } = [];

    public DateTimeOffset? SubmittedAt { get; private set; }

    public Guid? AcknowledgedBy { get; private set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    /// <summary>The provider's answer to the findings, given when acknowledging.</summary>
    public string? Response { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public uint Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static QaReview Draft(Guid tenantId, Guid runId, Guid reviewerId, QaObservation observation)
    {
        var review = new QaReview { TenantId = tenantId, RunId = runId, ReviewerId = reviewerId };
        review.Revise(observation);
        return review;
    }

    /// <summary>The form again: only a draft changes, and its actions start afresh (none has evidence yet).</summary>
    public void Revise(QaObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        Expect(QaReviewStatus.Draft, "revised");
        if (observation.Scores.FirstOrDefault(s => s.Score is < QaDomainScore.Lowest or > QaDomainScore.Highest) is { } bad)
            throw new QaReviewException($"{bad.Domain} is scored {bad.Score}: scores run from {QaDomainScore.Lowest} to {QaDomainScore.Highest}");
        if (observation.Scores.GroupBy(s => s.Domain).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new QaReviewException($"{twice.Key} is scored twice");
        Mode = observation.Mode;
        ObservedOn = observation.ObservedOn;
        FacilitatorIds = [.. observation.FacilitatorIds.Distinct()];
        Scores = [.. observation.Scores.OrderBy(s => s.Domain)];
        Rating = observation.Rating;
        Findings = observation.Findings;
        Actions = [.. observation.Actions.Select(a => new QaAction(Guid.CreateVersion7(), a.Text, a.Owner, a.DueOn))];
    }

    /// <summary>What a draft still lacks before it can be submitted (every domain scored, a rating, a facilitator), by the field.</summary>
    public IReadOnlyList<QaReviewGap> Missing()
    {
        List<QaReviewGap> missing = [.. Enum.GetValues<QaDomain>().Where(d => Scores.All(s => s.Domain != d)).Select(d => new QaReviewGap("scores", $"{d} is not scored"))];
        if (Rating is null) missing.Add(new QaReviewGap("rating", "There is no overall rating"));
        if (FacilitatorIds.Count == 0) missing.Add(new QaReviewGap("facilitatorIds", "No facilitator observed is named"));
        return missing;
    }

    public void Submit(DateTimeOffset at)
    {
        Expect(QaReviewStatus.Draft, "submitted");
        if (Missing() is { Count: > 0 } missing) throw new QaReviewException(string.Join("; ", missing.Select(m => m.Message)));
        Status = QaReviewStatus.Submitted;
        SubmittedAt = at;
    }

    public void Acknowledge(Guid by, string? response, DateTimeOffset at)
    {
        Expect(QaReviewStatus.Submitted, "acknowledged");
        Status = QaReviewStatus.Acknowledged;
        AcknowledgedBy = by;
        AcknowledgedAt = at;
        Response = string.IsNullOrWhiteSpace(response) ? null : response.Trim();
        CloseWhenAllVerified(at);
    }

    /// <summary>The provider's evidence for an action; given again, it replaces the last (until the action is verified).</summary>
    public void RecordEvidence(Guid actionId, string evidence, Guid by, DateTimeOffset at)
    {
        var (index, action) = OpenAction(actionId, "have evidence recorded");
        Actions[index] = action with { Evidence = evidence.Trim(), EvidenceBy = by, EvidenceAt = at };
    }

    /// <summary>The reviewer accepts an action's evidence; the last verification closes the review.</summary>
    public void Verify(Guid actionId, Guid by, DateTimeOffset at)
    {
        var (index, action) = OpenAction(actionId, "be verified");
        if (action.Evidence is null) throw new QaReviewException("The action has no evidence to verify yet");
        Actions[index] = action with { VerifiedBy = by, VerifiedAt = at };
        CloseWhenAllVerified(at);
    }

    /// <summary>Actions past due and not verified; a draft's actions are not yet set, so none of them is overdue.</summary>
    public IReadOnlyList<QaAction> OverdueActions(DateOnly today) =>
        Status is QaReviewStatus.Submitted or QaReviewStatus.Acknowledged ? [.. Actions.Where(a => a.IsOverdue(today))] : [];

    private (int Index, QaAction Action) OpenAction(Guid actionId, string what)
    {
        if (Status != QaReviewStatus.Acknowledged)
            throw new QaReviewException($"An action can {what} only once the provider has acknowledged the review (it is {Describe(Status)})");
        var index = Actions.FindIndex(a => a.Id == actionId);
        if (index < 0) throw new QaReviewException("The review has no such action");
        if (Actions[index].IsVerified) throw new QaReviewException("The action is already verified");
        return (index, Actions[index]);
    }

    private void CloseWhenAllVerified(DateTimeOffset at)
    {
        if (Actions.TrueForAll(a => a.IsVerified))
        {
            Status = QaReviewStatus.Closed;
            ClosedAt = at;
        }
    }

    private void Expect(QaReviewStatus status, string what)
    {
        if (Status != status) throw new QaReviewException($"Only a review that is {Describe(status)} can be {what}; this one is {Describe(Status)}");
    }

    private static string Describe(QaReviewStatus status) => status switch
    {
        QaReviewStatus.Draft => "a draft",
        _ => status.ToString().ToLowerInvariant(),
    };
}

/// <summary>A move the review's state or contents do not allow (acknowledging a draft, a score of 5).</summary>
public sealed class QaReviewException : Exception
{
    public QaReviewException()
    {
    }

    public QaReviewException(string message) : base(message)
    {
    }

    public QaReviewException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
