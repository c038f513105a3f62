namespace CaraPlatform.Domain.Tests.Workshops;

public sealed class ParticipantFeedbackTests
{
    private readonly CourseRun _run = CourseRunBuilder.AtVenue();
    private readonly FeedbackQuestionSet _defaults = FeedbackQuestionSet.PostCourseDefaults;

    /// <summary>The clock at the end of Workshop 2.</summary>
    private FakeTimeProvider EndOfWorkshop2() => new(_run.Workshop2.EndsAt);

    private static FeedbackAnswer[] AllAnswered(int value = FeedbackScale.Agree) =>
    [
        new("attitude-towards-partner", value), new("helped-relationship-issues", value), new("would-recommend", value),
    ];

    [Fact]
    public void The_defaults_ask_about_attitude_relationship_and_recommendation() =>
        Assert.Equal(
            ["attitude-towards-partner", "helped-relationship-issues", "would-recommend"],
            _defaults.Questions.Select(q => q.Code));

    [Fact]
    public void A_tenant_with_no_questions_of_its_own_asks_the_defaults()
    {
        Assert.Same(FeedbackQuestionSet.PostCourseDefaults, FeedbackQuestionSet.ForTenant(FeedbackStage.PostCourse, null));
        Assert.Same(FeedbackQuestionSet.PreCourseDefaults, FeedbackQuestionSet.ForTenant(FeedbackStage.PreCourse, []));
        var own = FeedbackQuestionSet.ForTenant(FeedbackStage.PreCourse, [new FeedbackQuestion("felt-safe", "I felt safe in the group.")]);
        Assert.Equal("felt-safe", Assert.Single(own.Questions).Code);
        Assert.Equal(FeedbackStage.PreCourse, own.Stage);
    }

    [Fact]
    public void The_pre_course_defaults_ask_the_attitude_questions_under_the_post_course_codes() =>
        Assert.Equal(
            ["attitude-towards-partner", "helped-relationship-issues"],
            FeedbackQuestionSet.PreCourseDefaults.Questions.Select(q => q.Code).Intersect(_defaults.Questions.Select(q => q.Code)));

    [Fact]
    public void A_question_set_with_repeated_codes_is_refused() =>
        Assert.Throws<ArgumentException>(() => new FeedbackQuestionSet(FeedbackStage.PostCourse, [new("a", "One"), new("a", "Two")]));

    [Theory]
    [InlineData(FeedbackScale.Min)]
    [InlineData(FeedbackScale.Max)]
    public void Every_question_answered_on_the_scale_is_accepted(int value) =>
        Assert.Empty(_defaults.Breaches(AllAnswered(value), _run, EndOfWorkshop2()));

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public void A_value_off_the_scale_is_refused(int value)
    {
        FeedbackAnswer[] answers = [.. AllAnswered()[..2], new("would-recommend", value)];
        var breach = Assert.Single(_defaults.Breaches(answers, _run, EndOfWorkshop2()));
        Assert.Equal("answers[2].value", breach.Path);
    }

    [Fact]
    public void An_unanswered_question_is_refused()
    {
        var breach = Assert.Single(_defaults.Breaches(AllAnswered()[..2], _run, EndOfWorkshop2()));
        Assert.Equal("answers", breach.Path);
        Assert.Contains("would-recommend", breach.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_answer_to_a_question_not_asked_or_answered_twice_is_refused()
    {
        var extra = _defaults.Breaches([.. AllAnswered(), new("felt-safe", 4)], _run, EndOfWorkshop2());
        Assert.Equal("answers[3].questionCode", Assert.Single(extra).Path);
        var twice = _defaults.Breaches([.. AllAnswered(), new("would-recommend", 4)], _run, EndOfWorkshop2());
        Assert.Equal("answers[3].questionCode", Assert.Single(twice).Path);
    }

    [Fact]
    public void Feedback_is_not_taken_before_workshop_2_starts()
    {
        var clock = new FakeTimeProvider(_run.Workshop2.StartsAt.AddTicks(-1));
        Assert.Equal("submittedAt", Assert.Single(_defaults.Breaches(AllAnswered(), _run, clock)).Path);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(_defaults.Breaches(AllAnswered(), _run, clock));
    }

    [Fact]
    public void The_pre_course_questionnaire_is_taken_once_workshop_1_has_started()
    {
        var preCourse = FeedbackQuestionSet.PreCourseDefaults;
        FeedbackAnswer[] answers = [new("attitude-towards-partner", 2), new("helped-relationship-issues", 3)];
        var clock = new FakeTimeProvider(_run.Workshop1.StartsAt.AddTicks(-1));
        Assert.Equal("submittedAt", Assert.Single(preCourse.Breaches(answers, _run, clock)).Path);
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(preCourse.Breaches(answers, _run, clock));
    }

    [Fact]
    public void Every_problem_with_the_answers_is_reported_together()
    {
        var clock = new FakeTimeProvider(_run.Workshop1.EndsAt);
        FeedbackAnswer[] answers = [new("attitude-towards-partner", 9), new("unknown", 3)];
        Assert.Equal(
            ["answers", "answers", "answers[0].value", "answers[1].questionCode", "submittedAt"],
            _defaults.Breaches(answers, _run, clock).Select(b => b.Path).Order(StringComparer.Ordinal));
    }
}
