using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Tests.Referrals;
using static CaraPlatform.TestData.ReferralBuilder;

namespace CaraPlatform.Domain.Tests.Workshops;

public class BookingTests
{
    [Fact]
    public void Attending_both_workshops_completes_the_booking()
    {
        var booking = BookingBuilder.Booked();
        Assert.Equal(AttendanceOutcome.AttendedWorkshop1, booking.Mark(WorkshopNumber.Workshop1, AttendanceMark.Attended, ReceivedAt));
        Assert.True(booking.IsLive);
        Assert.Equal(AttendanceOutcome.Completed, booking.Mark(WorkshopNumber.Workshop2, AttendanceMark.Attended, ReceivedAt));
        Assert.Equal(BookingStatus.Completed, booking.Status);
        Assert.Throws<InvalidOperationException>(() => booking.Mark(WorkshopNumber.Workshop2, AttendanceMark.Absent, ReceivedAt));
    }

    [Theory]
    [InlineData(AttendanceMark.LateRefusedEntry)]
    [InlineData(AttendanceMark.Absent)]
    public void Late_or_absent_at_workshop_1_ends_the_booking_as_non_compliant(AttendanceMark mark)
    {
        var booking = BookingBuilder.Booked();
        Assert.Equal(AttendanceOutcome.NonCompliant, booking.Mark(WorkshopNumber.Workshop1, mark, ReceivedAt));
        Assert.Equal(BookingStatus.NonCompliant, booking.Status);
        Assert.False(booking.IsLive);
    }

    [Fact]
    public void A_cancelled_booking_needs_a_reason_and_cannot_be_cancelled_twice()
    {
        var booking = BookingBuilder.Booked();
        Assert.Throws<ArgumentException>(() => booking.Cancel(" ", ReceivedAt));
        booking.Cancel("Run cancelled: venue flooded", ReceivedAt);
        Assert.Equal(BookingStatus.Cancelled, booking.Status);
        Assert.Throws<InvalidOperationException>(() => booking.Cancel("Again", ReceivedAt));
    }

    [Fact]
    public void A_booked_notice_carries_the_dates_and_a_cancelled_booking_tells_the_police_only_when_the_deadline_is_at_risk()
    {
        var clock = Clock();
        var referral = Eligible(clock);
        var dates = new BookedWorkshops(Guid.CreateVersion7(), ReceivedAt.AddDays(5), ReceivedAt.AddDays(33));
        referral.Book(Coordinator, clock, dates);
        Assert.Equal(dates, Assert.Single(RaisedNotices.Of(referral)).Workshops);
        referral.ClearDomainEvents();

        referral.CancelBooking("Run cancelled", Hampshire, Coordinator, clock);
        Assert.Equal(ReferralStatus.Eligible, referral.Status);
        Assert.Empty(RaisedNotices.Of(referral));

        referral.Book(Coordinator, clock, dates);
        referral.ClearDomainEvents();
        clock.SetUtcNow(Domain.Common.UkCalendar.At(referral.ConditionDeadline.AddDays(-20), new TimeOnly(9, 0)));
        referral.CancelBooking("Run cancelled", Hampshire, Coordinator, clock);
        Assert.Equal(PoliceNoticeType.RebookingNeeded, Assert.Single(RaisedNotices.Of(referral)).Type);
    }
}
