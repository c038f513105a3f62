using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

public sealed class ReferralLifecycleTests
{
    /// <summary>
    /// The legal moves, written out here independently of <see cref="ReferralLifecycle"/> so that a change to the
    /// production table fails a test. A null "to" means the status stays put (timeline-only actions).
    /// </summary>
    private static readonly (ReferralStatus From, ReferralAction Action, ReferralStatus To)[] Legal =
    [
        (ReferralStatus.Received, ReferralAction.StartScreening, ReferralStatus.Screening),
        (ReferralStatus.Screening, ReferralAction.ConfirmEligible, ReferralStatus.Eligible),
        (ReferralStatus.Screening, ReferralAction.ReturnIneligible, ReferralStatus.ReturnedIneligible),
        (ReferralStatus.Received, ReferralAction.ReturnUncontactable, ReferralStatus.ReturnedUncontactable),
        (ReferralStatus.Screening, ReferralAction.ReturnUncontactable, ReferralStatus.ReturnedUncontactable),
        (ReferralStatus.Eligible, ReferralAction.ReturnUncontactable, ReferralStatus.ReturnedUncontactable),
        (ReferralStatus.Eligible, ReferralAction.Book, ReferralStatus.Booked),
        (ReferralStatus.Booked, ReferralAction.RecordWorkshop1Attended, ReferralStatus.AttendedWorkshop1),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.RecordWorkshop2Attended, ReferralStatus.Completed),
        (ReferralStatus.Booked, ReferralAction.RecordNonCompliance, ReferralStatus.NonCompliant),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.RecordNonCompliance, ReferralStatus.NonCompliant),
        (ReferralStatus.NonCompliant, ReferralAction.AllowRebooking, ReferralStatus.Eligible),
        (ReferralStatus.NonCompliant, ReferralAction.Close, ReferralStatus.Closed),
        (ReferralStatus.Received, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Screening, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Eligible, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Booked, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.NonCompliant, ReferralAction.Withdraw, ReferralStatus.Withdrawn),
        (ReferralStatus.Received, ReferralAction.RecordFirstContact, ReferralStatus.Received),
        (ReferralStatus.Screening, ReferralAction.RecordFirstContact, ReferralStatus.Screening),
        (ReferralStatus.Eligible, ReferralAction.RecordFirstContact, ReferralStatus.Eligible),
        (ReferralStatus.Received, ReferralAction.ExtendDeadline, ReferralStatus.Received),
        (ReferralStatus.Screening, ReferralAction.ExtendDeadline, ReferralStatus.Screening),
        (ReferralStatus.Eligible, ReferralAction.ExtendDeadline, ReferralStatus.Eligible),
        (ReferralStatus.Booked, ReferralAction.ExtendDeadline, ReferralStatus.Booked),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.ExtendDeadline, ReferralStatus.AttendedWorkshop1),
        (ReferralStatus.NonCompliant, ReferralAction.ExtendDeadline, ReferralStatus.NonCompliant),
        (ReferralStatus.Received, ReferralAction.Correct, ReferralStatus.Received),
        (ReferralStatus.Booked, ReferralAction.CancelBooking, ReferralStatus.Eligible),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.CancelBooking, ReferralStatus.Eligible),
        (ReferralStatus.Booked, ReferralAction.NoteRunChanged, ReferralStatus.Booked),
        (ReferralStatus.AttendedWorkshop1, ReferralAction.NoteRunChanged, ReferralStatus.AttendedWorkshop1),
    ];

    /// <summary>How to reach each state from receipt, using only legal moves.</summary>
    private static readonly Dictionary<ReferralStatus, ReferralAction[]> PathTo = new()
    {
        [ReferralStatus.Received] = [],
        [ReferralStatus.Screening] = [ReferralAction.StartScreening],
        [ReferralStatus.Eligible] = [ReferralAction.StartScreening, ReferralAction.ConfirmEligible],
        [ReferralStatus.Booked] = [ReferralAction.StartScreening, ReferralAction.ConfirmEligible, ReferralAction.Book],
        [ReferralStatus.AttendedWorkshop1] =
            [ReferralAction.StartScreening, ReferralAction.ConfirmEligible, ReferralAction.Book, ReferralAction.RecordWorkshop1Attended],
        [ReferralStatus.Completed] =
        [
            ReferralAction.StartScreening, ReferralAction.ConfirmEligible, ReferralAction.Book, ReferralAction.RecordWorkshop1Attended,
            ReferralAction.RecordWorkshop2Attended,
        ],
        [ReferralStatus.ReturnedIneligible] = [ReferralAction.StartScreening, ReferralAction.ReturnIneligible],
        [ReferralStatus.ReturnedUncontactable] = [ReferralAction.ReturnUncontactable],
        [ReferralStatus.Withdrawn] = [ReferralAction.Withdraw],
        [ReferralStatus.NonCompliant] =
            [ReferralAction.StartScreening, ReferralAction.ConfirmEligible, ReferralAction.Book, ReferralAction.RecordNonCompliance],
        [ReferralStatus.Closed] =
        [
            ReferralAction.StartScreening, ReferralAction.ConfirmEligible, ReferralAction.Book, ReferralAction.RecordNonCompliance,
            ReferralAction.Close,
        ],
    };

    public static TheoryData<ReferralStatus, ReferralAction, ReferralStatus> LegalMoves()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction, ReferralStatus>();
        foreach (var (from, action, to) in Legal)
            data.Add(from, action, to);
        return data;
    }

    public static TheoryData<ReferralStatus, ReferralAction> IllegalMoves()
    {
        var data = new TheoryData<ReferralStatus, ReferralAction>();
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            foreach (var action in Enum.GetValues<ReferralAction>().Where(a => a != ReferralAction.Receive))
            {
                if (!Legal.Any(l => l.From == status && l.Action == action))
                    data.Add(status, action);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LegalMoves))]
    public void A_legal_move_changes_status_and_is_recorded_with_who_when_and_why(ReferralStatus from, ReferralAction action, ReferralStatus to)
    {
        var clock = Clock();
        var referral = InState(from, clock);
        clock.Advance(TimeSpan.FromHours(3));
        var before = referral.Timeline.Count;

        Do(referral, action, clock);

        Assert.Equal(to, referral.Status);
        Assert.Equal(before + 1, referral.Timeline.Count);
        var entry = referral.Timeline[^1];
        Assert.Equal(from, entry.From);
        Assert.Equal(to, entry.To);
        Assert.Equal(action, entry.Action);
        Assert.Equal(clock.GetUtcNow(), entry.At);
        Assert.Equal(Coordinator.Id, entry.ActorId);
        Assert.Equal(Coordinator.Name, entry.ActorName);
    }

    [Theory]
    [MemberData(nameof(IllegalMoves))]
    public void An_illegal_move_throws_naming_the_state_and_the_action_and_changes_nothing(ReferralStatus from, ReferralAction action)
    {
        var clock = Clock();
        var referral = InState(from, clock);
        var timeline = referral.Timeline.ToList();

        var error = Assert.Throws<IllegalReferralTransitionException>(() => Do(referral, action, clock));

        Assert.Equal(from, error.Current);
        Assert.Equal(action, error.Attempted);
        Assert.Contains(from.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains(action.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(from, referral.Status);
        Assert.Equal(timeline, referral.Timeline);
    }

    [Fact]
    public void The_production_table_matches_the_expected_table()
    {
        foreach (var status in Enum.GetValues<ReferralStatus>())
        {
            var expected = Legal.Where(l => l.From == status).Select(l => l.Action).Order();
            Assert.Equal(expected, ReferralLifecycle.ActionsFrom(status).Order());
        }
    }

    [Fact]
    public void Terminal_states_allow_nothing()
    {
        ReferralStatus[] terminal =
        [
            ReferralStatus.Completed, ReferralStatus.ReturnedIneligible, ReferralStatus.ReturnedUncontactable,
            ReferralStatus.Withdrawn, ReferralStatus.Closed,
        ];
        Assert.Equal(terminal.Order(), ReferralLifecycle.Terminal.Order());
        Assert.All(terminal, s => Assert.Empty(ReferralLifecycle.ActionsFrom(s)));
    }

    [Fact]
    public void Receipt_opens_the_timeline_with_no_previous_state()
    {
        var referral = Received(Clock());

        var entry = Assert.Single(referral.Timeline);
        Assert.Null(entry.From);
        Assert.Equal(ReferralStatus.Received, entry.To);
        Assert.Equal(ReferralAction.Receive, entry.Action);
        Assert.Equal(ReceivedAt, entry.At);
        Assert.Equal(Police.Name, entry.ActorName);
        Assert.Equal(ReferralStatus.Received, referral.Status);
        Assert.Equal(ReceivedAt, referral.ReceivedAt);
        Assert.Equal(7, referral.Id.Version);
    }

    [Fact]
    public void A_breach_then_rebooking_goes_back_to_eligible_and_repeats_both_workshops()
    {
        var clock = Clock();
        var referral = InState(ReferralStatus.AttendedWorkshop1, clock);
        referral.RecordNonCompliance("Did not attend Workshop 2", Coordinator, clock);
        referral.AllowRebooking("Reasonable excuse: hospital admission", Police, clock);

        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Equal(1, referral.RebookingCount);
        // Workshop 1 attended before the breach does not count: the next booking starts from Workshop 1 again.
        Assert.Throws<IllegalReferralTransitionException>(() => referral.RecordWorkshop2Attended(Coordinator, clock));
        referral.Book(Coordinator, clock);
        referral.RecordWorkshop1Attended(Coordinator, clock);
        referral.RecordWorkshop2Attended(Coordinator, clock);

        Assert.Equal(ReferralStatus.Completed, referral.Status);
        Assert.Equal(
            [
                ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Eligible, ReferralStatus.Booked,
                ReferralStatus.AttendedWorkshop1, ReferralStatus.NonCompliant, ReferralStatus.Eligible, ReferralStatus.Booked,
                ReferralStatus.AttendedWorkshop1, ReferralStatus.Completed,
            ],
            referral.Timeline.Select(t => t.To));
    }

    [Fact]
    public void Screening_that_fails_returns_the_referral_with_every_reason_on_the_timeline()
    {
        var clock = Clock();
        var referral = InState(ReferralStatus.Screening, clock);
        var answers = EligibleAnswers() with { OnBail = true, EvidenceOfCoerciveOrControllingBehaviour = true };

        var result = referral.RecordScreening(answers, Hampshire, Coordinator, clock);

        Assert.False(result.IsEligible);
        Assert.Equal(ReferralStatus.ReturnedIneligible, referral.Status);
        var reason = referral.Timeline[^1].Reason;
        Assert.NotNull(reason);
        Assert.All(result.Reasons, r => Assert.Contains(r.Text, reason, StringComparison.Ordinal));
        Assert.Same(answers, referral.Screening);
    }

    [Fact]
    public void Screening_that_passes_makes_the_referral_eligible_and_keeps_the_answers()
    {
        var clock = Clock();
        var referral = InState(ReferralStatus.Screening, clock);
        var answers = EligibleAnswers();

        Assert.True(referral.RecordScreening(answers, Hampshire, Coordinator, clock).IsEligible);
        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Same(answers, referral.Screening);
    }

    [Theory]
    [InlineData(ReferralAction.ReturnIneligible)]
    [InlineData(ReferralAction.ReturnUncontactable)]
    [InlineData(ReferralAction.RecordNonCompliance)]
    [InlineData(ReferralAction.AllowRebooking)]
    [InlineData(ReferralAction.Close)]
    [InlineData(ReferralAction.Withdraw)]
    public void Returns_breaches_and_police_decisions_need_a_reason(ReferralAction action)
    {
        var clock = Clock();
        var from = Legal.First(l => l.Action == action).From;
        var referral = InState(from, clock);

        Assert.Throws<ArgumentException>(() => Do(referral, action, clock, reason: "  "));
        Assert.Equal(from, referral.Status);
    }

    [Fact]
    public void First_contact_is_recorded_once()
    {
        var clock = Clock();
        var referral = Received(clock);
        clock.Advance(TimeSpan.FromDays(2));
        referral.RecordFirstContact(Coordinator, clock);

        Assert.Equal(clock.GetUtcNow(), referral.FirstContactAt);
        Assert.Throws<ReferralRuleException>(() => referral.RecordFirstContact(Coordinator, clock));
    }

    [Fact]
    public void A_referral_needs_its_dates_in_order()
    {
        var clock = Clock();
        var condition = Hampshire.Condition;
        Assert.Throws<ReferralRuleException>(() => Referral.Receive(
            Details() with { DisposalDate = new DateOnly(2026, 3, 3) }, condition, Police, clock));
        Assert.Throws<ReferralRuleException>(() => Referral.Receive(
            Details() with { DisposalDate = OffenceDate.AddDays(-1) }, condition, Police, clock));
        Assert.Throws<ReferralRuleException>(() => Referral.Receive(
            Details() with { Offender = Offender() with { DateOfBirth = OffenceDate } }, condition, Police, clock));
        Assert.Throws<ArgumentException>(() => Referral.Receive(Details() with { PoliceReference = " " }, condition, Police, clock));
    }

    [Theory]
    [InlineData(OffenceRelationship.CurrentPartner, true)]
    [InlineData(OffenceRelationship.FormerPartner, true)]
    [InlineData(OffenceRelationship.Parent, false)]
    [InlineData(OffenceRelationship.Child, false)]
    [InlineData(OffenceRelationship.Sibling, false)]
    [InlineData(OffenceRelationship.OtherFamilyMember, false)]
    public void Partners_make_an_offence_intimate_partner_abuse(OffenceRelationship relationship, bool isIpv) =>
        Assert.Equal(isIpv, (Offence() with { Relationship = relationship }).IsIpv);

    [Fact]
    public void The_referral_carries_no_victim_fields()
    {
        // Victim details belong in the victim-contact record; a property here could leak into what the offender sees.
        var names = typeof(Referral).GetProperties().Select(p => p.Name)
            .Concat(typeof(Offence).GetProperties().Select(p => p.Name))
            .Concat(typeof(Offender).GetProperties().Select(p => p.Name));
        Assert.DoesNotContain(names, n => n.Contains("Victim", StringComparison.OrdinalIgnoreCase));
    }

    internal static Referral InState(ReferralStatus status, FakeTimeProvider clock)
    {
        var referral = Received(clock);
        foreach (var action in PathTo[status])
            Do(referral, action, clock);
        Assert.Equal(status, referral.Status);
        return referral;
    }

    private static void Do(Referral referral, ReferralAction action, TimeProvider clock, string reason = "Because")
    {
        switch (action)
        {
            case ReferralAction.StartScreening: referral.StartScreening(Coordinator, clock); break;
            case ReferralAction.ConfirmEligible: referral.RecordScreening(EligibleAnswers(), Hampshire, Coordinator, clock); break;
            case ReferralAction.ReturnIneligible: referral.ReturnIneligible(reason, Coordinator, clock); break;
            case ReferralAction.ReturnUncontactable: referral.ReturnUncontactable(reason, Coordinator, clock); break;
            case ReferralAction.Book: referral.Book(Coordinator, clock); break;
            case ReferralAction.RecordWorkshop1Attended: referral.RecordWorkshop1Attended(Coordinator, clock); break;
            case ReferralAction.RecordWorkshop2Attended: referral.RecordWorkshop2Attended(Coordinator, clock); break;
            case ReferralAction.RecordNonCompliance: referral.RecordNonCompliance(reason, Coordinator, clock); break;
            case ReferralAction.AllowRebooking: referral.AllowRebooking(reason, Coordinator, clock); break;
            case ReferralAction.Close: referral.Close(reason, Coordinator, clock); break;
            case ReferralAction.Withdraw: referral.Withdraw(reason, Coordinator, clock); break;
            case ReferralAction.RecordFirstContact: referral.RecordFirstContact(Coordinator, clock); break;
            case ReferralAction.ExtendDeadline:
                referral.ExtendDeadline(referral.ConditionDeadline.AddDays(7), reason, Hampshire.Condition, Coordinator, clock);
                break;
            case ReferralAction.Correct: referral.Correct(referral.Details with { PoliceReference = "44/99999/26" }, Hampshire.Condition, Coordinator, clock); break;
            case ReferralAction.CancelBooking: referral.CancelBooking(reason, Hampshire, Coordinator, clock); break;
            case ReferralAction.NoteRunChanged: referral.NoteRunChanged(reason, Coordinator, clock); break;
            default: throw new ArgumentOutOfRangeException(nameof(action), action, null);
        }
    }
}
