using static CaraPlatform.TestData.BookingBuilder;

namespace CaraPlatform.Domain.Tests.Workshops;

public sealed class BookingEligibilityTests
{
    private readonly CourseRun _run = CourseRunBuilder.AtVenue();

    /// <summary>A week before Workshop 1.</summary>
    private static readonly DateTimeOffset Now = new(2025, 5, 31, 12, 0, 0, TimeSpan.Zero);

    private IReadOnlyList<BookingRefusal> Refusals(BookingCandidate candidate, int currentBookings = 0, DateTimeOffset? now = null) =>
        BookingEligibility.Refusals(candidate, _run, currentBookings, now ?? Now);

    private static BookingRefusal AssertSingleRefusal(IReadOnlyList<BookingRefusal> refusals, BookingRefusalCode code)
    {
        var refusal = Assert.Single(refusals);
        Assert.Equal(code, refusal.Code);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message));
        return refusal;
    }

    [Fact]
    public void An_eligible_candidate_is_refused_nothing() => Assert.Empty(Refusals(Candidate()));

    [Theory]
    [InlineData(Sex.Male, true, Cohort.IpvMale)]
    [InlineData(Sex.Female, true, Cohort.IpvFemale)]
    [InlineData(Sex.Male, false, Cohort.NonIpvMale)]
    public void Sex_and_offence_decide_the_cohort(Sex sex, bool ipv, Cohort cohort)
    {
        Assert.Equal(cohort, Cohorts.For(sex, ipv));
        _run.Cohort = cohort;
        Assert.Empty(Refusals(Candidate() with { Sex = sex, IsIntimatePartnerOffence = ipv }));
    }

    [Theory]
    [InlineData(Sex.Male, true, Cohort.IpvFemale)]
    [InlineData(Sex.Male, true, Cohort.NonIpvMale)]
    [InlineData(Sex.Female, true, Cohort.IpvMale)]
    [InlineData(Sex.Female, true, Cohort.NonIpvMale)]
    [InlineData(Sex.Male, false, Cohort.IpvMale)]
    [InlineData(Sex.Male, false, Cohort.IpvFemale)]
    public void A_run_for_another_cohort_is_refused(Sex sex, bool ipv, Cohort runCohort)
    {
        _run.Cohort = runCohort;
        AssertSingleRefusal(Refusals(Candidate() with { Sex = sex, IsIntimatePartnerOffence = ipv }), BookingRefusalCode.CohortMismatch);
    }

    [Theory]
    [InlineData(Cohort.IpvMale)]
    [InlineData(Cohort.IpvFemale)]
    [InlineData(Cohort.NonIpvMale)]
    public void A_woman_with_a_family_offence_has_no_cohort_and_is_refused_every_run(Cohort runCohort)
    {
        Assert.Null(Cohorts.For(Sex.Female, isIpv: false));
        _run.Cohort = runCohort;
        var refusal = AssertSingleRefusal(
            Refusals(Candidate() with { Sex = Sex.Female, IsIntimatePartnerOffence = false }),
            BookingRefusalCode.NoCohortForNonIpvFemale);
        Assert.Contains("police", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_language_without_an_interpreter_is_refused() =>
        AssertSingleRefusal(Refusals(Candidate() with { PreferredLanguage = "pl" }), BookingRefusalCode.LanguageMismatch);

    [Fact]
    public void Another_language_with_an_interpreter_arranged_is_allowed() =>
        Assert.Empty(Refusals(Candidate() with { PreferredLanguage = "pl", InterpreterArranged = true }));

    [Fact]
    public void A_run_in_the_preferred_language_is_allowed()
    {
        _run.Language = "pa";
        Assert.Empty(Refusals(Candidate() with { PreferredLanguage = "pa" }));
    }

    [Fact]
    public void Workshop_2_on_the_deadline_day_is_in_time() =>
        Assert.Empty(Refusals(Candidate() with { ConditionDeadline = _run.Workshop2.Date }));

    [Fact]
    public void Workshop_2_the_day_after_the_deadline_is_refused() =>
        AssertSingleRefusal(
            Refusals(Candidate() with { ConditionDeadline = _run.Workshop2.Date.AddDays(-1) }),
            BookingRefusalCode.Workshop2AfterDeadline);

    [Fact]
    public void Workshop_1_after_the_deadline_is_refused_along_with_workshop_2()
    {
        var codes = Refusals(Candidate() with { ConditionDeadline = _run.Workshop1.Date.AddDays(-1) }).Select(r => r.Code);
        Assert.Equal([BookingRefusalCode.Workshop1AfterDeadline, BookingRefusalCode.Workshop2AfterDeadline], codes);
    }

    [Fact]
    public void Workshop_1_on_the_deadline_day_is_in_time_for_workshop_1() =>
        AssertSingleRefusal(
            Refusals(Candidate() with { ConditionDeadline = _run.Workshop1.Date }),
            BookingRefusalCode.Workshop2AfterDeadline);

    [Fact]
    public void A_referral_with_a_live_booking_is_refused_another() =>
        AssertSingleRefusal(Refusals(Candidate() with { HasLiveBooking = true }), BookingRefusalCode.AlreadyBooked);

    [Fact]
    public void The_twelfth_booking_is_allowed_and_the_thirteenth_refused()
    {
        Assert.Empty(Refusals(Candidate(), currentBookings: 11));
        var refusal = AssertSingleRefusal(Refusals(Candidate(), currentBookings: 12), BookingRefusalCode.RunFull);
        Assert.Contains("12", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_smaller_run_is_full_at_its_own_capacity()
    {
        _run.Capacity = 8;
        Assert.Empty(Refusals(Candidate(), currentBookings: 7));
        AssertSingleRefusal(Refusals(Candidate(), currentBookings: 8), BookingRefusalCode.RunFull);
    }

    [Fact]
    public void Booking_closes_when_workshop_1_starts()
    {
        var starts = _run.Workshop1.StartsAt;
        Assert.Empty(Refusals(Candidate(), now: starts.AddTicks(-1)));
        AssertSingleRefusal(Refusals(Candidate(), now: starts), BookingRefusalCode.RunAlreadyStarted);
        AssertSingleRefusal(Refusals(Candidate(), now: _run.Workshop2.StartsAt.AddDays(-1)), BookingRefusalCode.RunAlreadyStarted);
    }

    [Fact]
    public void Every_refusal_is_reported_together()
    {
        _run.Cohort = Cohort.IpvFemale;
        var candidate = Candidate() with
        {
            PreferredLanguage = "pl",
            ConditionDeadline = _run.Workshop1.Date.AddDays(-1),
            HasLiveBooking = true,
        };

        var codes = Refusals(candidate, currentBookings: 12, now: _run.Workshop1.StartsAt).Select(r => r.Code).ToHashSet();

        Assert.Equal(
            [
                BookingRefusalCode.CohortMismatch, BookingRefusalCode.LanguageMismatch,
                BookingRefusalCode.Workshop1AfterDeadline, BookingRefusalCode.Workshop2AfterDeadline,
                BookingRefusalCode.AlreadyBooked, BookingRefusalCode.RunFull, BookingRefusalCode.RunAlreadyStarted,
            ],
            codes.Order());
    }
}
