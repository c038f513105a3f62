using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Workshops;

/// <summary>Why a referral cannot be booked onto a run. Codes are stable: API clients and reports key on them.</summary>
public enum BookingRefusalCode
{
    /// <summary>CARA runs no group for a woman cautioned for a non-IPV (family) offence.</summary>
    NoCohortForNonIpvFemale,

    /// <summary>The run is for another cohort than the offender's sex and offence call for.</summary>
    CohortMismatch,

    /// <summary>The run is in another language and no interpreter is arranged.</summary>
    LanguageMismatch,

    /// <summary>Workshop 1 falls after the caution condition's deadline.</summary>
    Workshop1AfterDeadline,

    /// <summary>Workshop 2 falls after the caution condition's deadline, so the course could not be completed in time.</summary>
    Workshop2AfterDeadline,

    /// <summary>The referral already has a live booking; it must be cancelled or ended first.</summary>
    AlreadyBooked,

    /// <summary>Every place on the run is taken.</summary>
    RunFull,

    /// <summary>Workshop 1 has started: a late arrival is refused entry, so nobody joins a run part-way.</summary>
    RunAlreadyStarted,
}

public sealed record BookingRefusal(BookingRefusalCode Code, string Message);

/// <summary>
/// What the booking rules need to know about the referral, without depending on the referral itself (its
/// lifecycle is built elsewhere and consumes these rules).
/// </summary>
/// <param name="Sex">The offender's sex.</param>
/// <param name="IsIntimatePartnerOffence">True for an intimate-partner (IPV) offence, false for a family (non-IPV) one.</param>
/// <param name="PreferredLanguage">The offender's preferred language, as a tenant language code ("en", "pl").</param>
/// <param name="InterpreterArranged">An interpreter is arranged for the offender on the run's workshops.</param>
/// <param name="ConditionDeadline">The last day the caution's conditions can be completed (16 weeks, or as extended).</param>
/// <param name="HasLiveBooking">The referral already holds a booking that is not cancelled or ended.</param>
public sealed record BookingCandidate(
    Sex Sex,
    bool IsIntimatePartnerOffence,
    string PreferredLanguage,
    bool InterpreterArranged,
    DateOnly ConditionDeadline,
    bool HasLiveBooking);

/// <summary>Whether a referral may be booked onto a run (DESIGN.md §1, Workshops and Attendance rules).</summary>
public static class BookingEligibility
{
    /// <summary>Every reason the candidate cannot be booked onto the run; empty when the booking may be made.</summary>
    /// <param name="currentBookings">Live bookings already on the run, not counting this one.</param>
    /// <param name="now">The current instant, from the caller's TimeProvider.</param>
    public static IReadOnlyList<BookingRefusal> Refusals(BookingCandidate candidate, CourseRun run, int currentBookings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(run);
        var refusals = new List<BookingRefusal>();
        void Refuse(BookingRefusalCode code, string message) => refusals.Add(new BookingRefusal(code, message));

        var cohort = Cohorts.For(candidate.Sex, candidate.IsIntimatePartnerOffence);
        if (cohort is null)
            Refuse(BookingRefusalCode.NoCohortForNonIpvFemale,
                "CARA has no group for a woman cautioned for a family (non-IPV) offence; the referral should go back to the police.");
        else if (cohort != run.Cohort)
            Refuse(BookingRefusalCode.CohortMismatch, $"The offender belongs in the {cohort} cohort; this run is for {run.Cohort}.");

        // Same language, or an interpreter arranged: the material exists in translations, but a participant who cannot
        // follow the group cannot take part, and the rule is judged per run.
        if (!candidate.InterpreterArranged && !string.Equals(candidate.PreferredLanguage, run.Language, StringComparison.OrdinalIgnoreCase))
            Refuse(BookingRefusalCode.LanguageMismatch,
                $"The run is in '{run.Language}', the offender's preferred language is '{candidate.PreferredLanguage}' and no interpreter is arranged.");

        // Both workshops must fall within the condition: booking a Workshop 1 in time whose Workshop 2 falls after the
        // deadline would set the participant up to breach. The deadline is the last day, so a workshop on it is in time.
        if (run.Workshop1.Date > candidate.ConditionDeadline)
            Refuse(BookingRefusalCode.Workshop1AfterDeadline,
                $"Workshop 1 on {run.Workshop1.Date:yyyy-MM-dd} is after the condition deadline of {candidate.ConditionDeadline:yyyy-MM-dd}.");
        if (run.Workshop2.Date > candidate.ConditionDeadline)
            Refuse(BookingRefusalCode.Workshop2AfterDeadline,
                $"Workshop 2 on {run.Workshop2.Date:yyyy-MM-dd} is after the condition deadline of {candidate.ConditionDeadline:yyyy-MM-dd}.");

        if (candidate.HasLiveBooking)
            Refuse(BookingRefusalCode.AlreadyBooked, "The referral already has a live booking; cancel it before booking another run.");

        if (currentBookings >= run.Capacity)
            Refuse(BookingRefusalCode.RunFull, $"All {run.Capacity} places on the run are taken.");

        if (now >= run.Workshop1.StartsAt)
            Refuse(BookingRefusalCode.RunAlreadyStarted, "Workshop 1 of this run has already started; book a later run.");

        return refusals;
    }
}
