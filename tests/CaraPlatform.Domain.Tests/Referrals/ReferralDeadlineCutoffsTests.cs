using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Notices;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

/// <summary>
/// The deadline job's query asks the database only for <see cref="ReferralDeadlineCutoffs.Candidates"/>: a referral it
/// leaves out is one whose notice is never sent. These hold that expression against the rule itself.
/// </summary>
public sealed class ReferralDeadlineCutoffsTests
{
    /// <summary>A tenant with other targets, so the bounds are seen to follow the tenant's file.</summary>
    private static readonly TenantDefinition Brisk = Hampshire with
    {
        Condition = Hampshire.Condition with { BookingTargetDays = 5 },
        WorkshopDefaults = Hampshire.WorkshopDefaults with { MinDaysApart = 14, MaxDaysApart = 28 },
    };

    /// <summary>Received at 09:00 UTC on a winter Monday, 23:30 UTC on a summer evening (00:30 the next day in London), 23:59 in London in winter.</summary>
    private static readonly DateTimeOffset[] Receipts =
    [
        ReferralBuilder.ReceivedAt,
        new(2026, 6, 15, 23, 30, 0, TimeSpan.Zero),
        new(2026, 10, 20, 23, 59, 0, TimeSpan.Zero),
    ];

    /// <summary>Referrals in every state and with every history the rule looks at, made fresh each time on a clock at <c>receivedAt</c>.</summary>
    private static IEnumerable<(string Name, Func<DateTimeOffset, Referral> Make)> Scenarios()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
            yield return (status.ToString(), at => InState(status, new FakeTimeProvider(at)));
        // Referred late: the caution (27 February) long before receipt, so at risk or overdue on arrival.
        yield return ("referred late", at => Received(new FakeTimeProvider(at)));
        yield return ("referred late, eligible", at => ReferralLifecycleTests.InState(ReferralStatus.Eligible, new FakeTimeProvider(at)));
        yield return ("first contact recorded", FirstContactRecorded);
        yield return ("re-booked after a breach 40 days in", RebookedAfterABreach);
        yield return ("deadline extended by four weeks", DeadlineExtended);
        yield return ("flagged and told it is at risk", at => CheckedOn(InState(ReferralStatus.Received, new FakeTimeProvider(at)), -20));
        yield return ("still to book, first checked once overdue", at => CheckedOn(InState(ReferralStatus.Eligible, new FakeTimeProvider(at)), 1));
        yield return ("booked, told it is overdue", at => CheckedOn(InState(ReferralStatus.Booked, new FakeTimeProvider(at)), 1));
    }

    private static Referral FirstContactRecorded(DateTimeOffset receivedAt)
    {
        var clock = new FakeTimeProvider(receivedAt);
        var referral = InState(ReferralStatus.Received, clock);
        clock.Advance(TimeSpan.FromDays(2));
        referral.RecordFirstContact(Coordinator, clock);
        return referral;
    }

    private static Referral RebookedAfterABreach(DateTimeOffset receivedAt)
    {
        var clock = new FakeTimeProvider(receivedAt);
        var referral = InState(ReferralStatus.NonCompliant, clock);
        clock.Advance(TimeSpan.FromDays(40));
        referral.AllowRebooking("Hospital appointment", Coordinator, clock);
        return referral;
    }

    private static Referral DeadlineExtended(DateTimeOffset receivedAt)
    {
        var clock = new FakeTimeProvider(receivedAt);
        var referral = InState(ReferralStatus.Received, clock);
        referral.ExtendDeadline(referral.ConditionDeadline.AddDays(28), "Illness", Hampshire.Condition, Police, clock);
        return referral;
    }

    /// <summary>The referral after a deadline check at 09:00 in London <paramref name="daysFromDeadline"/> days from its deadline.</summary>
    private static Referral CheckedOn(Referral referral, int daysFromDeadline)
    {
        referral.CheckDeadlines(Hampshire, new FakeTimeProvider(UkCalendar.At(referral.ConditionDeadline.AddDays(daysFromDeadline), new TimeOnly(9, 0))));
        return referral;
    }

    /// <summary>A referral whose caution was three days before <paramref name="clock"/>'s day, moved into <paramref name="status"/>.</summary>
    private static Referral InState(ReferralStatus status, FakeTimeProvider clock)
    {
        var referral = Referral.Receive(Details(Hampshire, PoliceReference, clock), Hampshire.Condition, Police, clock);
        Action<Referral>[] steps = status switch
        {
            ReferralStatus.Received => [],
            ReferralStatus.Screening => [Screen],
            ReferralStatus.Eligible => [Screen, Approve],
            ReferralStatus.Booked => [Screen, Approve, Book],
            ReferralStatus.AttendedWorkshop1 => [Screen, Approve, Book, r => r.RecordWorkshop1Attended(Coordinator, clock)],
            ReferralStatus.Completed =>
                [Screen, Approve, Book, r => r.RecordWorkshop1Attended(Coordinator, clock), r => r.RecordWorkshop2Attended(Coordinator, clock)],
            ReferralStatus.NonCompliant => [Screen, Approve, Book, Breach],
            ReferralStatus.Closed => [Screen, Approve, Book, Breach, r => r.Close("Prosecuted", Police, clock)],
            ReferralStatus.ReturnedIneligible => [Screen, r => r.ReturnIneligible("On bail", Coordinator, clock)],
            ReferralStatus.ReturnedUncontactable => [r => r.ReturnUncontactable("No answer", Coordinator, clock)],
            ReferralStatus.Withdrawn => [r => r.Withdraw("Charged instead", Police, clock)],
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
        };
        foreach (var step in steps) step(referral);
        Assert.Equal(status, referral.Status);
        return referral;

        void Screen(Referral r) => r.StartScreening(Coordinator, clock);
        void Approve(Referral r) => r.RecordScreening(EligibleAnswers(), Hampshire, Coordinator, clock);
        void Book(Referral r) => r.Book(Coordinator, clock);
        void Breach(Referral r) => r.RecordNonCompliance("Missed Workshop 1", Coordinator, clock);
    }

    [Fact]
    public void Every_referral_the_rule_would_change_today_or_tomorrow_is_a_candidate()
    {
        var changes = new Dictionary<string, int> { ["booking target"] = 0, ["at risk"] = 0, ["overdue"] = 0 };
        var left = 0;
        foreach (var tenant in new[] { Hampshire, Brisk })
        {
            foreach (var receivedAt in Receipts)
            {
                // Every 7 hours from the day before receipt to well past the deadline: each hour of the day in turn,
                // both sides of midnight in London and in UTC, in summer and winter time.
                var predicates = new Dictionary<DateTimeOffset, Func<Referral, bool>>();
                for (var now = receivedAt.AddDays(-1); now < receivedAt.AddDays(150); now = now.AddHours(7))
                    predicates[now] = ReferralDeadlines.Cutoffs(tenant, now).Candidates().Compile();

                foreach (var (name, make) in Scenarios())
                {
                    foreach (var (now, isCandidate) in predicates)
                    {
                        var candidate = isCandidate(make(receivedAt));
                        // The same instant, and one later the same round could reach after UK midnight.
                        foreach (var checkedAt in new[] { now, now.AddHours(12) })
                        {
                            var changed = Changes(make(receivedAt), tenant, checkedAt);
                            foreach (var change in changed) changes[change]++;
                            Assert.True(candidate || changed.Count == 0,
                                $"{name}, received {receivedAt:O}, tenant {tenant.Slug}: bounds of {now:O} leave out a referral whose {string.Join(", ", changed)} changes at {checkedAt:O}");
                        }

                        if (!candidate) left++;
                    }
                }
            }
        }

        // The loop saw each thing the rule sets, and the bounds left most referrals to the database.
        Assert.All(changes, c => Assert.True(c.Value > 0, $"never saw the {c.Key} set"));
        Assert.True(left > 0);
    }

    [Fact]
    public void A_referral_received_today_with_its_deadline_weeks_away_is_not_a_candidate()
    {
        var clock = Clock();
        var referral = Received(clock);
        Assert.False(IsCandidate(referral, clock.GetUtcNow()));
        Assert.Empty(referral.CheckDeadlines(Hampshire, clock));
    }

    [Fact]
    public void Once_a_still_to_book_referral_is_told_it_is_overdue_it_stops_being_a_candidate_though_never_told_at_risk()
    {
        var clock = Clock();
        var referral = Eligible(clock);
        clock.SetUtcNow(UkCalendar.At(referral.ConditionDeadline.AddDays(1), new TimeOnly(9, 0)));
        Assert.True(IsCandidate(referral, clock.GetUtcNow()));
        Assert.Equal([PoliceNoticeType.Overdue], referral.CheckDeadlines(Hampshire, clock));
        Assert.Null(referral.AtRiskNoticeAt);

        Assert.False(IsCandidate(referral, clock.GetUtcNow()));
        Assert.False(IsCandidate(referral, clock.GetUtcNow().AddDays(30)));
    }

    [Fact]
    public void Closed_referrals_are_never_candidates()
    {
        var clock = Clock();
        var withdrawn = Received(clock);
        withdrawn.Withdraw("Charged instead", Police, clock);
        foreach (var days in new[] { 0, 30, 100, 120, 400 })
            Assert.False(IsCandidate(withdrawn, clock.GetUtcNow().AddDays(days)));
    }

    [Fact]
    public void The_booking_bound_is_the_uk_midnight_starting_the_day_after_today_less_the_target()
    {
        // 23:30 UTC on 15 June is 00:30 on 16 June in London: today is the 16th, the bound 16 + 1 - 28 days, at 23:00 UTC.
        var cutoffs = ReferralDeadlines.Cutoffs(Hampshire, new DateTimeOffset(2026, 6, 15, 23, 30, 0, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 6, 16), cutoffs.Today);
        Assert.Equal(new DateTimeOffset(2026, 5, 19, 23, 0, 0, TimeSpan.Zero), cutoffs.ReceivedBefore);
        Assert.Equal(TimeSpan.Zero, cutoffs.ReceivedBefore.Offset);
        Assert.Equal(new DateOnly(2026, 6, 16), cutoffs.AtRiskDeadlineFrom);
        Assert.Equal(new DateOnly(2026, 6, 17).AddDays(Hampshire.WorkshopDefaults.MinDaysApart + ReferralDeadlines.AtRiskMarginDays), cutoffs.AtRiskDeadlineBefore);
        Assert.Equal(new DateOnly(2026, 6, 17), cutoffs.OverdueDeadlineBefore);
    }

    private static bool IsCandidate(Referral referral, DateTimeOffset now) =>
        ReferralDeadlines.Cutoffs(Hampshire, now).Candidates().Compile()(referral);

    /// <summary>What <see cref="Referral.CheckDeadlines"/> sets on the referral at <paramref name="at"/>.</summary>
    private static List<string> Changes(Referral referral, TenantDefinition tenant, DateTimeOffset at)
    {
        var (booking, atRisk, overdue) = (referral.BookingTargetMissedAt, referral.AtRiskNoticeAt, referral.OverdueNoticeAt);
        referral.CheckDeadlines(tenant, new FakeTimeProvider(at));
        var changed = new List<string>();
        if (referral.BookingTargetMissedAt != booking) changed.Add("booking target");
        if (referral.AtRiskNoticeAt != atRisk) changed.Add("at risk");
        if (referral.OverdueNoticeAt != overdue) changed.Add("overdue");
        return changed;
    }
}
