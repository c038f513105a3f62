namespace CaraPlatform.Domain.Workshops;

/// <summary>A question put to participants before or after the course. The code is stable: answers are kept against it.</summary>
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
/// When a questionnaire is taken: at the start of Workshop 1 (before the course) or at the end of Workshop 2 (after it),
/// so national data can set the answers side by side and measure the change. PostCourse comes first: it is the default,
/// the stage of every questionnaire recorded before there was a pre-course one.
/// </summary>
public enum FeedbackStage { PostCourse, PreCourse }

/// <summary>
/// The questions a tenant asks at one stage: its own set, or the programme's defaults. Answers are never shared with
/// the police (DESIGN.md §1: no questionnaire answers).
/// </summary>
public sealed class FeedbackQuestionSet
{
    /// <summary>
    /// The programme's questions at the start of Workshop 1: the attitude questions asked again at the end, under the
    /// same codes, so national data can compare the answers before and after.
    /// </summary>
    public static readonly FeedbackQuestionSet PreCourseDefaults = new(FeedbackStage.PreCourse,
    [
        new FeedbackQuestion("attitude-towards-partner", "My attitude towards my partner needs to change."),
        new FeedbackQuestion("helped-relationship-issues", "I want help with issues in my relationship."),
    ]);

    /// <summary>The programme's outcome questions at the end of Workshop 2: attitude change, help with the relationship, recommendation.</summary>
    public static readonly FeedbackQuestionSet PostCourseDefaults = new(FeedbackStage.PostCourse,
    [
        new FeedbackQuestion("attitude-towards-partner", "The course has changed my attitude towards my partner."),
        new FeedbackQuestion("helped-relationship-issues", "The course has helped me with issues in my relationship."),
        new FeedbackQuestion("would-recommend", "I would recommend the course to someone in my position."),
    ]);

    public FeedbackQuestionSet(FeedbackStage stage, IReadOnlyList<FeedbackQuestion> questions)
    {
        ArgumentNullException.ThrowIfNull(questions);
        if (questions.Count == 0)
            throw new ArgumentException("A question set needs at least one question.", nameof(questions));
        if (questions.Any(q => string.IsNullOrWhiteSpace(q.Code) || string.IsNullOrWhiteSpace(q.Text)))
            throw new ArgumentException("Every question needs a code and text.", nameof(questions));
        if (questions.Select(q => q.Code).Distinct(StringComparer.Ordinal).Count() != questions.Count)
            throw new ArgumentException("Question codes must be unique.", nameof(questions));
        Stage = stage;
        Questions = questions;
    }

    public FeedbackStage Stage { get; }

    public IReadOnlyList<FeedbackQuestion> Questions { get; }

    /// <summary>The programme's questions at <paramref name="stage"/>.</summary>
    public static FeedbackQuestionSet Defaults(FeedbackStage stage) => stage == FeedbackStage.PreCourse ? PreCourseDefaults : PostCourseDefaults;

    /// <summary>A tenant's own questions at <paramref name="stage"/>, or the defaults when it has set none.</summary>
    public static FeedbackQuestionSet ForTenant(FeedbackStage stage, IReadOnlyList<FeedbackQuestion>? tenantQuestions) =>
        tenantQuestions is null || tenantQuestions.Count == 0 ? Defaults(stage) : new FeedbackQuestionSet(stage, tenantQuestions);

    /// <summary>
    /// Every reason the answers cannot be accepted: each question answered exactly once on the scale, no answers to
    /// questions not asked, and not before the stage's workshop has started (Workshop 1 for the pre-course
    /// questionnaire, taken at its start; Workshop 2 for the post-course one, taken at its end).
    /// </summary>
    public IReadOnlyList<RuleBreach> Breaches(IReadOnlyList<FeedbackAnswer> answers, CourseRun run, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(clock);
        var breaches = new List<RuleBreach>();
        if (Stage == FeedbackStage.PreCourse && clock.GetUtcNow() < run.Workshop1.StartsAt)
            breaches.Add(new RuleBreach("submittedAt", "the pre-course questionnaire is taken at the start of Workshop 1, which has not started"));
        if (Stage == FeedbackStage.PostCourse && clock.GetUtcNow() < run.Workshop2.StartsAt)
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
/// One participant's answers at one stage (at most one per referral and stage), recorded by a facilitator of the run.
/// For the programme's measures (national picture): never told to the police (DESIGN.md §1).
/// </summary>
public sealed class FeedbackResponse : Common.ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid RunId { get; init; }

    public required Guid ReferralId { get; init; }

    public FeedbackStage Stage { get; init; }

    public required IReadOnlyList<FeedbackAnswer> Answers { get; init; }

    public required Guid RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}
