namespace CaraPlatform.Domain.Referrals;

/// <summary>Where a referral is in its life. See <see cref="ReferralLifecycle"/> for the moves between them.</summary>
public enum ReferralStatus
{
    /// <summary>Sent by the police; nobody at the provider has started on it.</summary>
    Received,

    /// <summary>The provider is checking eligibility and contacting the offender.</summary>
    Screening,

    /// <summary>Screened eligible and waiting to be booked onto Workshop 1 (again, after a re-booking).</summary>
    Eligible,

    /// <summary>Booked onto Workshop 1 and Workshop 2.</summary>
    Booked,

    /// <summary>Attended Workshop 1; Workshop 2 is still to come.</summary>
    AttendedWorkshop1,

    /// <summary>Attended both workshops: the caution's condition is met.</summary>
    Completed,

    /// <summary>Sent back to the police as ineligible, incomplete or unsafe, with a reason.</summary>
    ReturnedIneligible,

    /// <summary>Sent back to the police because the offender could not be contacted.</summary>
    ReturnedUncontactable,

    /// <summary>Withdrawn by the police.</summary>
    Withdrawn,

    /// <summary>Missed a workshop or was refused entry: a breach, referred back to the police for a decision.</summary>
    NonCompliant,

    /// <summary>The police decided a breach ends the referral (for example, prosecution for the original offence).</summary>
    Closed,
}

/// <summary>What someone tried to do to a referral: each names one move in <see cref="ReferralLifecycle"/>.</summary>
public enum ReferralAction
{
    Receive,
    StartScreening,
    ConfirmEligible,
    ReturnIneligible,
    ReturnUncontactable,
    Book,
    RecordWorkshop1Attended,
    RecordWorkshop2Attended,
    RecordNonCompliance,
    AllowRebooking,
    Close,
    Withdraw,

    /// <summary>Not a change of status: recorded on the timeline because the police need to see it.</summary>
    RecordFirstContact,

    /// <summary>Not a change of status: the police moved the condition's deadline.</summary>
    ExtendDeadline,

    /// <summary>Not a change of status: the police corrected what they sent, before screening.</summary>
    Correct,

    /// <summary>The booking (or its whole run) was cancelled: back to Eligible, to be booked on a new run.</summary>
    CancelBooking,

    /// <summary>Not a change of status: the booked run's dates or place changed.</summary>
    NoteRunChanged,
}
