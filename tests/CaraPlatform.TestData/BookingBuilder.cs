using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.TestData;

/// <summary>Bookings, and the candidates the booking rules judge, that break no rule, for the runs of <see cref="CourseRunBuilder"/>.</summary>
public static class BookingBuilder
{
    /// <summary>A live booking, made when the referral arrived.</summary>
    public static Booking Booked() => new()
    {
        RunId = Guid.NewGuid(),
        ReferralId = Guid.NewGuid(),
        BookedAt = ReferralBuilder.ReceivedAt,
        BookedBy = Guid.NewGuid(),
    };

    /// <summary>A man with an IPV offence, English speaking, deadline well after Workshop 2, no booking yet.</summary>
    public static BookingCandidate Candidate() => new(
        Sex.Male, IsIntimatePartnerOffence: true, PreferredLanguage: "en", InterpreterArranged: false,
        ConditionDeadline: CourseRunBuilder.Workshop1Date.AddDays(60), HasLiveBooking: false);
}
