using System.Globalization;
using CaraPlatform.Domain.Training;

namespace CaraPlatform.Domain.Tests.Training;

public sealed class FacilitatorCompetenceTests
{
    private const int Cadence = FacilitatorCompetence.DefaultSupervisionCadenceMonths;

    private static readonly DateOnly Today = new(2026, 11, 30);

    /// <summary>A run starting in four weeks: Workshop 2 five weeks later.</summary>
    private static readonly DateOnly Workshop2 = new(2027, 1, 30);

    private static FacilitatorTraining Signed(DateOnly completed, int months = 24) => new(completed, completed.AddMonths(months), SignedOff: true);

    private static IReadOnlyList<string> Codes(
        IReadOnlyCollection<FacilitatorTraining> training, DateOnly? lastSupervision, DateOnly? today = null, DateOnly? workshop2 = null) =>
        [.. FacilitatorCompetence.Gaps(training, lastSupervision, today ?? Today, workshop2 ?? Workshop2, Cadence).Select(g => g.Code)];

    [Fact]
    public void Signed_training_valid_through_workshop_2_and_recent_supervision_leave_no_gap() =>
        Assert.Empty(Codes([Signed(new(2026, 1, 10))], lastSupervision: new(2026, 10, 1)));

    [Fact]
    public void No_training_is_the_one_gap_named()
    {
        var gap = Assert.Single(FacilitatorCompetence.Gaps([], new DateOnly(2020, 1, 1), Today, Workshop2, Cadence));
        Assert.Equal(FacilitatorCompetence.NoTraining, gap.Code);
        Assert.Equal("has no facilitator training on record", gap.Message);
    }

    [Fact]
    public void Training_not_signed_off_is_refused_with_its_completion_date()
    {
        var gap = Assert.Single(FacilitatorCompetence.Gaps([new(new(2026, 11, 2), new(2028, 11, 2), SignedOff: false)], null, Today, Workshop2, Cadence));
        Assert.Equal(FacilitatorCompetence.NotSignedOff, gap.Code);
        Assert.Equal("facilitator training completed on 2 November 2026 is not signed off by a trainer", gap.Message);
    }

    [Fact]
    public void Training_expiring_before_workshop_2_is_refused_naming_both_dates()
    {
        var gap = Assert.Single(FacilitatorCompetence.Gaps([Signed(new(2025, 1, 15))], new DateOnly(2026, 11, 1), Today, Workshop2, Cadence));
        Assert.Equal(FacilitatorCompetence.Expires, gap.Code);
        Assert.Equal("facilitator training is valid until 15 January 2027, not through Workshop 2 on 30 January 2027", gap.Message);
    }

    [Fact]
    public void Training_already_expired_is_the_same_gap() =>
        Assert.Equal([FacilitatorCompetence.Expires], Codes([Signed(new(2024, 3, 4))], new DateOnly(2026, 11, 1)));

    [Fact]
    public void Training_counts_through_its_expiry_day()
    {
        var training = Signed(Workshop2.AddMonths(-24));
        Assert.Empty(Codes([training], Today));
        Assert.Equal([FacilitatorCompetence.Expires], Codes([training], Today, workshop2: Workshop2.AddDays(1)));
    }

    [Fact]
    public void The_latest_signed_record_counts_and_an_older_expired_one_is_no_gap() =>
        Assert.Empty(Codes([Signed(new(2022, 1, 1)), Signed(new(2026, 6, 1))], Today));

    [Fact]
    public void A_refresher_awaiting_sign_off_is_named_beside_the_expiring_training()
    {
        var gaps = FacilitatorCompetence.Gaps(
            [Signed(new(2024, 3, 4)), new(new(2026, 11, 20), new(2028, 11, 20), SignedOff: false)], Today, Today, Workshop2, Cadence);
        Assert.Equal([FacilitatorCompetence.Expires, FacilitatorCompetence.NotSignedOff], gaps.Select(g => g.Code));
        Assert.Contains("20 November 2026", gaps[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unsigned_training_older_than_valid_signed_training_is_no_gap() =>
        Assert.Empty(Codes([new(new(2025, 1, 1), new(2027, 1, 1), SignedOff: false), Signed(new(2026, 6, 1))], Today));

    [Fact]
    public void Supervision_is_overdue_the_day_after_it_falls_due()
    {
        var training = Signed(new(2026, 1, 10));
        var last = Today.AddMonths(-Cadence);
        Assert.Empty(Codes([training], last));
        var gap = Assert.Single(FacilitatorCompetence.Gaps([training], last.AddDays(-1), Today, Workshop2, Cadence));
        Assert.Equal(FacilitatorCompetence.SupervisionOverdue, gap.Code);
        Assert.Equal("supervision due by 29 November 2026 is not recorded (last on 29 August 2026)", gap.Message);
    }

    [Fact]
    public void A_newly_trained_facilitator_has_the_cadence_from_training_before_a_first_supervision_is_due()
    {
        var completed = Today.AddMonths(-Cadence);
        Assert.Empty(Codes([Signed(completed)], lastSupervision: null));
        var gap = Assert.Single(FacilitatorCompetence.Gaps([Signed(completed.AddDays(-1))], null, Today, Workshop2, Cadence));
        Assert.Equal(FacilitatorCompetence.SupervisionOverdue, gap.Code);
        Assert.Equal("supervision due by 29 November 2026 is not recorded (none since training on 29 August 2026)", gap.Message);
    }

    [Fact]
    public void Every_gap_is_listed_together()
    {
        Assert.Equal([FacilitatorCompetence.Expires, FacilitatorCompetence.SupervisionOverdue], Codes([Signed(new(2024, 3, 4))], new DateOnly(2025, 1, 1)));
    }

    [Fact]
    public void Supervision_due_at_month_end_falls_on_the_last_day_of_a_shorter_month() =>
        Assert.Equal(new DateOnly(2027, 2, 28), FacilitatorCompetence.SupervisionDue(new DateOnly(2026, 11, 30), Cadence));

    [Fact]
    public void Judged_as_of_workshop_1_supervision_falling_due_before_the_run_is_a_gap()
    {
        var workshop1 = new DateOnly(2026, 12, 26);
        Assert.Empty(Codes([Signed(new(2026, 1, 10))], new DateOnly(2026, 9, 1)));
        Assert.Equal([FacilitatorCompetence.SupervisionOverdue], Codes([Signed(new(2026, 1, 10))], new DateOnly(2026, 9, 1), today: workshop1));
    }

    [Fact]
    public void Messages_are_in_british_english_whatever_the_culture()
    {
        var before = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Contains("March", Assert.Single(FacilitatorCompetence.Gaps([Signed(new(2024, 3, 4))], Today, Today, Workshop2, Cadence)).Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }
}
