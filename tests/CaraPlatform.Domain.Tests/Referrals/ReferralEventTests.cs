using CaraPlatform.Domain.Events;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Referrals;

public class ReferralEventTests
{
    [Fact]
    public void Every_move_raises_one_event_in_order_carrying_the_referral_as_it_stood_after_it()
    {
        var clock = Clock();
        var referral = Screening(clock);
        referral.RecordFirstContact(Coordinator, clock);
        referral.RecordScreening(EligibleAnswers(), Hampshire, Coordinator, clock);
        referral.Book(Coordinator, clock);
        referral.NoteRunChanged("Workshop 1 moved to 10:30", Coordinator, clock);
        referral.RecordNonCompliance("Did not attend Workshop 1", Coordinator, clock);
        referral.AllowRebooking("Reasonable excuse", Police, clock);
        referral.Book(Coordinator, clock);
        referral.RecordWorkshop1Attended(Coordinator, clock);
        referral.RecordWorkshop2Attended(Coordinator, clock);

        Assert.Equal(
        [
            typeof(ReferralReceived), typeof(ReferralScreeningStarted), typeof(ReferralFirstContactMade), typeof(ReferralScreenedEligible),
            typeof(ReferralBooked), typeof(ReferralBookedRunChanged), typeof(ReferralNonCompliant), typeof(ReferralRebookingAllowed),
            typeof(ReferralBooked), typeof(ReferralWorkshop1Attended), typeof(ReferralCompleted),
        ], referral.DomainEvents.Select(e => e.GetType()));
        var events = referral.DomainEvents.Cast<ReferralEvent>().ToList();
        Assert.Equal(referral.Timeline.Select(t => t.To), events.Select(e => e.Referral.Status));
        Assert.All(events, e => Assert.Equal(referral.Id, ((IDomainEvent)e).AggregateId));
        Assert.Equal("Did not attend Workshop 1", Assert.IsType<ReferralNonCompliant>(events[6]).Reason);
        Assert.Equal(new ReferralFacts(referral.Id, PoliceReference, Hampshire.Forces[0].Code, ReferralStatus.Completed, CautionDate, referral.ConditionDeadline),
            events[^1].Referral);

        referral.ClearDomainEvents();
        Assert.Empty(referral.DomainEvents);
    }

    [Fact]
    public void A_correction_an_extension_and_a_lost_booking_carry_the_referral_once_the_whole_change_is_made()
    {
        var clock = Clock();
        var referral = Received(clock);
        referral.Correct(referral.Details with { PoliceReference = "44/55555/26" }, Hampshire.Condition, Police, clock);
        Assert.Equal("44/55555/26", Assert.IsType<ReferralCorrected>(referral.DomainEvents[^1]).Referral.PoliceReference);

        referral.StartScreening(Coordinator, clock);
        referral.RecordScreening(EligibleAnswers(), Hampshire, Coordinator, clock);
        var before = referral.ConditionDeadline;
        referral.ExtendDeadline(before.AddDays(14), "Workshop cancelled by the provider", Hampshire.Condition, Police, clock);
        var extended = Assert.IsType<ReferralDeadlineExtended>(referral.DomainEvents[^1]);
        Assert.Equal((before, before.AddDays(14), "Workshop cancelled by the provider"), (extended.PreviousDeadline, extended.Referral.ConditionDeadline, extended.Reason));

        referral.Book(Coordinator, clock);
        referral.CancelBooking("Run cancelled", Hampshire, Coordinator, clock);
        var cancelled = Assert.IsType<ReferralBookingCancelled>(referral.DomainEvents[^1]);
        Assert.Equal((ReferralStatus.Eligible, "Run cancelled", false), (cancelled.Referral.Status, cancelled.Reason, cancelled.DeadlineAtRisk));
    }

    [Fact]
    public void Returns_closures_and_withdrawals_carry_their_reason()
    {
        var clock = Clock();
        var uncontactable = Screening(clock);
        uncontactable.ReturnUncontactable("No answer to three calls", Coordinator, clock);
        Assert.Equal("No answer to three calls", Assert.IsType<ReferralReturnedUncontactable>(uncontactable.DomainEvents[^1]).Reason);

        var withdrawn = Received(clock);
        withdrawn.Withdraw("Caution withdrawn", Police, clock);
        Assert.Equal("Caution withdrawn", Assert.IsType<ReferralWithdrawn>(withdrawn.DomainEvents[^1]).Reason);

        var closed = Eligible(clock);
        closed.Book(Coordinator, clock);
        closed.RecordNonCompliance("Late for Workshop 1", Coordinator, clock);
        closed.Close("Prosecution instead", Police, clock);
        var closure = Assert.IsType<ReferralClosed>(closed.DomainEvents[^1]);
        Assert.Equal((ReferralStatus.Closed, "Prosecution instead"), (closure.Referral.Status, closure.Reason));
    }
}
