namespace CaraPlatform.Domain.Workshops;

/// <summary>A question put to participants at the end of Workshop 2. The code is stable: answers are kept against it.</summary>
public sealed record FeedbackQuestion(string Code, string Text);

/// <summary>One answer on the <see cref="FeedbackScale"/>.</summary>
public sealed record FeedbackAnswer(string QuestionCode, int Value);

/// <summary>
/// A five-point agreement scale, so answers from every tenant can be compared in national data
/// (the programme reports e.g. "94% said their attitude towards their partner changed").
/// </summary>
public static class FeedbackScale
{
    public const int StronglyDisagree = 1;
    public const int Disagree = 2;
    public const int Neutral = 3;
    public const int Agree = 4;
    public const int StronglyAgree = 5;

    public const int Min = StronglyDisagree;
    public const int Max = StronglyAgree;
}

/// <summary>
/// The questions a tenant asks at the end of Workshop 2: its own set, or the programme's defaults. Answers are
/// never shared with the police (DESIGN.md §1: no questionnaire answers).
/// </summary>
public sealed class FeedbackQuestionSet
{
    /// <summary>The programme's outcome questions: attitude change, help with the relationship, recommendation.</summary>
    public static readonly FeedbackQuestionSet Defaults = new(
    [
        new FeedbackQuestion("attitude-towards-partner", "The course has changed my attitude towards my partner."),
        new FeedbackQuestion("helped-relationship-issues", "The course has helped me with issues in my relationship."),
        new FeedbackQuestion("would-recommend", "I would recommend the course to someone in my position."),
    ]);

    public FeedbackQuestionSet(IReadOnlyList<FeedbackQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        if (questions.Count == 0)
            throw new ArgumentException("A question set needs at least one question.", nameof(questions));
        if (questions.Any(q => string.IsNullOrWhiteSpace(q.Code) || string.IsNullOrWhiteSpace(q.Text)))
            throw new ArgumentException("Every question needs a code and text.", nameof(questions));
        if (questions.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count() != questions.Count)
            throw new ArgumentException("Question codes must be unique.", nameof(questions));
        Questions = questions;
    }

    public IReadOnlyList<FeedbackQuestion> Questions { get; }

    /// <summary>A tenant's own questions, or the defaults when it has set none.</summary>
    public static FeedbackQuestionSet ForTenant(IReadOnlyList<FeedbackQuestion>? tenantQuestions) =>
        tenantQuestions is null || tenantQuestions.Count == 0 ? Defaults : new FeedbackQuestionSet(tenantQuestions);

    /// <summary>
    /// Every reason the answers cannot be accepted: each question answered exactly once on the scale, no answers to
    /// questions not asked, and not before Workshop 2 has started (feedback is collected at its end).
    /// </summary>
    public IReadOnlyList<RuleBreach> Breaches(IReadOnlyList<FeedbackAnswer> answers, CourseRun run, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        var breaches = new List<RuleBreach>();
        if (clock.GetUtcNow() < run.Workshop2.StartsAt)
            breaches.Add(new RuleBreach("submittedAt", "feedback is collected at the end of Workshop 2, which has not started"));

        var asked = Questions.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            if (!asked.Contains(answer.QuestionCode))
                breaches.Add(new RuleBreach($"answers[{i}].questionCode", $"'{answer.QuestionCode}' is not one of the questions asked"));
            else if (!answered.Add(answer.QuestionCode))
                breaches.Add(new RuleBreach($"answers[{i}].questionCode", $"'{answer.QuestionCode}' is answered more than once"));
            if (answer.Value is < FeedbackScale.Min or > FeedbackScale.Max)
                breaches.Add(new RuleBreach($"answers[{i}].value", $"must be from {FeedbackScale.Min} to {FeedbackScale.Max} (is {answer.Value})"));
        }

        foreach (var question in Questions.Where(q => !answered.Contains(q.Code)))
            breaches.Add(new RuleBreach("answers", $"question '{question.Code}' is not answered"));
        return breaches;
    }
}

/// <summary>
/// One participant's answers at the end of Workshop 2, recorded by a facilitator of the run. For the programme's
/// measures (national picture): never told to the police (DESIGN.md §1).
/// </summary>
public sealed class FeedbackResponse : Common.ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid RunId { get; init; }

    public required Guid ReferralId { get; init; }

    public required IReadOnlyList<FeedbackAnswer> Answers { get; init; }

    public required Guid RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
