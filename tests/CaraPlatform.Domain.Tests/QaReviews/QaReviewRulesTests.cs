using CaraPlatform.Domain.QaReviews;

namespace CaraPlatform.Domain.Tests.QaReviews;

public sealed class QaReviewRulesTests
{
    private static readonly Guid Reviewer = Guid.NewGuid();
    private static readonly Guid ProviderAdmin = Guid.NewGuid();
    private static readonly Guid Facilitator = Guid.NewGuid();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));

    private static QaObservation Observation(params QaActionPlan[] actions) => new(
        ObservationMode.Live, new DateOnly(2026, 11, 28), [Facilitator],
        [.. Enum.GetValues<QaDomain>().Select(d => new QaDomainScore(d, 3, $"{d} held well"))], QaRating.Good, "A well-run group", actions);

    private static QaReview Drafted(params QaActionPlan[] actions) => QaReview.Draft(Guid.NewGuid(), Guid.NewGuid(), Reviewer, Observation(actions));

    private DateOnly Today => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [Fact]
    public void A_review_walks_draft_submitted_acknowledged_and_closes_when_every_action_is_verified()
    {
        var review = Drafted(new QaActionPlan("Re-read the manual's section on disclosures", "Lead facilitator", new DateOnly(2027, 1, 31)),
            new QaActionPlan("Start on time", "Coordinator", new DateOnly(2027, 1, 31)));
        Assert.Equal(QaReviewStatus.Draft, review.Status);

        review.Submit(_clock.GetUtcNow());
        review.Acknowledge(ProviderAdmin, "  We accept the findings ", _clock.GetUtcNow());
        Assert.Equal((QaReviewStatus.Acknowledged, "We accept the findings"), (review.Status, review.Response));

        var (first, second) = (review.Actions[0].Id, review.Actions[1].Id);
        review.RecordEvidence(first, "Team read it on 3 December", ProviderAdmin, _clock.GetUtcNow());
        review.Verify(first, Reviewer, _clock.GetUtcNow());
        Assert.Equal(QaReviewStatus.Acknowledged, review.Status);

        review.RecordEvidence(second, "Doors open at 09:45 now", ProviderAdmin, _clock.GetUtcNow());
        review.Verify(second, Reviewer, _clock.GetUtcNow());
        Assert.Equal(QaReviewStatus.Closed, review.Status);
        Assert.Equal(_clock.GetUtcNow(), review.ClosedAt);
    }

    [Fact]
    public void A_review_without_actions_closes_on_acknowledgement()
    {
        var review = Drafted();
        review.Submit(_clock.GetUtcNow());
        review.Acknowledge(ProviderAdmin, null, _clock.GetUtcNow());
        Assert.Equal(QaReviewStatus.Closed, review.Status);
    }

    [Fact]
    public void Moves_out_of_order_are_refused()
    {
        var review = Drafted(new QaActionPlan("Start on time", "Coordinator", new DateOnly(2027, 1, 31)));
        var action = review.Actions[0].Id;
        Assert.Throws<QaReviewException>(() => review.Acknowledge(ProviderAdmin, null, _clock.GetUtcNow()));
        Assert.Throws<QaReviewException>(() => review.RecordEvidence(action, "Done", ProviderAdmin, _clock.GetUtcNow()));

        review.Submit(_clock.GetUtcNow());
        Assert.Throws<QaReviewException>(() => review.Submit(_clock.GetUtcNow()));
        Assert.Throws<QaReviewException>(() => review.Revise(Observation()));
        Assert.Throws<QaReviewException>(() => review.RecordEvidence(action, "Done", ProviderAdmin, _clock.GetUtcNow()));

        review.Acknowledge(ProviderAdmin, null, _clock.GetUtcNow());
        Assert.Throws<QaReviewException>(() => review.Acknowledge(ProviderAdmin, null, _clock.GetUtcNow()));
        var unevidenced = Assert.Throws<QaReviewException>(() => review.Verify(action, Reviewer, _clock.GetUtcNow()));
        Assert.Equal("The action has no evidence to verify yet", unevidenced.Message);
        Assert.Throws<QaReviewException>(() => review.RecordEvidence(Guid.NewGuid(), "Done", ProviderAdmin, _clock.GetUtcNow()));
    }

    [Fact]
    public void A_draft_is_submitted_only_when_every_domain_is_scored_with_a_rating_and_a_facilitator()
    {
        var review = QaReview.Draft(Guid.NewGuid(), Guid.NewGuid(), Reviewer, new QaObservation(
            ObservationMode.Recording, new DateOnly(2026, 11, 28), [], [new QaDomainScore(QaDomain.FacilitationSkills, 2, "Hesitant")], null, null, []));

        var refused = Assert.Throws<QaReviewException>(() => review.Submit(_clock.GetUtcNow()));

        Assert.Contains("FidelityToManual is not scored", refused.Message, StringComparison.Ordinal);
        Assert.Contains("There is no overall rating", refused.Message, StringComparison.Ordinal);
        Assert.Contains("No facilitator observed is named", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("FacilitationSkills", refused.Message, StringComparison.Ordinal);
        Assert.Equal(QaReviewStatus.Draft, review.Status);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public void Scores_run_from_one_to_four(int score) =>
        Assert.Throws<QaReviewException>(() => QaReview.Draft(Guid.NewGuid(), Guid.NewGuid(), Reviewer, Observation() with
        {
            Scores = [new QaDomainScore(QaDomain.ParticipantEngagement, score, "")],
        }));

    [Fact]
    public void An_action_is_overdue_from_the_day_after_its_due_day_until_it_is_verified_and_never_while_a_draft()
    {
        var review = Drafted(new QaActionPlan("Start on time", "Coordinator", Today.AddDays(7)));
        Assert.Empty(review.OverdueActions(Today.AddDays(30)));

        review.Submit(_clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromDays(7));
        Assert.Empty(review.OverdueActions(Today));

        _clock.Advance(TimeSpan.FromDays(1));
        Assert.Single(review.OverdueActions(Today));

        review.Acknowledge(ProviderAdmin, null, _clock.GetUtcNow());
        review.RecordEvidence(review.Actions[0].Id, "Doors open at 09:45", ProviderAdmin, _clock.GetUtcNow());
        Assert.Single(review.OverdueActions(Today));

        review.Verify(review.Actions[0].Id, Reviewer, _clock.GetUtcNow());
        Assert.Empty(review.OverdueActions(Today));
    }
}

public sealed class ObservationCoverageTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);

    private static QaReview Observed(DateOnly on, bool submitted, params Guid[] facilitators)
    {
        var review = QaReview.Draft(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), new QaObservation(
            ObservationMode.Live, on, facilitators, [.. Enum.GetValues<QaDomain>().Select(d => new QaDomainScore(d, 4, ""))], QaRating.Outstanding, null, []));
        if (submitted) review.Submit(DateTimeOffset.UnixEpoch);
        return review;
    }

    [Fact]
    public void Never_observed_and_observed_longer_ago_than_the_window_are_due_and_drafts_do_not_count()
    {
        Guid never = Guid.NewGuid(), recent = Guid.NewGuid(), onTheEdge = Guid.NewGuid(), lapsed = Guid.NewGuid(), draftOnly = Guid.NewGuid();
        QaReview[] reviews =
        [
            Observed(new DateOnly(2026, 6, 1), true, recent, lapsed),
            Observed(new DateOnly(2025, 12, 1), true, onTheEdge),
            Observed(new DateOnly(2025, 11, 30), true, lapsed),
            Observed(new DateOnly(2026, 11, 1), false, draftOnly),
        ];

        var coverage = ObservationCoverage.Of([recent, never, onTheEdge, lapsed, draftOnly, Guid.Empty], reviews, Today)
            .Where(c => c.UserId != Guid.Empty).ToDictionary(c => c.UserId);

        Assert.Equal(new FacilitatorCoverage(never, null, true), coverage[never]);
        Assert.Equal(new FacilitatorCoverage(draftOnly, null, true), coverage[draftOnly]);
        Assert.Equal(new FacilitatorCoverage(recent, new DateOnly(2026, 6, 1), false), coverage[recent]);
        Assert.Equal(new FacilitatorCoverage(lapsed, new DateOnly(2026, 6, 1), false), coverage[lapsed]);
        Assert.False(coverage[onTheEdge].Due);
        Assert.True(ObservationCoverage.Of([onTheEdge], reviews, Today.AddDays(1))[0].Due);
    }

    [Fact]
    public void The_window_is_configurable()
    {
        var person = Guid.NewGuid();
        QaReview[] reviews = [Observed(new DateOnly(2026, 3, 1), true, person)];
        Assert.False(ObservationCoverage.Of([person], reviews, Today)[0].Due);
        Assert.True(ObservationCoverage.Of([person], reviews, Today, windowMonths: 6)[0].Due);
    }
}
