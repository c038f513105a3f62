namespace CaraPlatform.Domain.Referrals;

/// <summary>
/// The referral state machine as data, so that the aggregate, the API (409s) and the portal (which buttons to
/// show) all read the same table, and tests can walk every cell of it.
/// </summary>
public static class ReferralLifecycle
{
    /// <summary>States from which nothing more happens to the referral.</summary>
    public static readonly IReadOnlySet<ReferralStatus> Terminal = new HashSet<ReferralStatus>
    {
        ReferralStatus.Completed,
        ReferralStatus.ReturnedIneligible,
        ReferralStatus.ReturnedUncontactable,
        ReferralStatus.Withdrawn,
        ReferralStatus.Closed,
    };

    /// <summary>Every state that is not terminal. NonCompliant is open: it waits for the police's decision.</summary>
    public static readonly IReadOnlySet<ReferralStatus> Open =
        Enum.GetValues<ReferralStatus>().Where(s => !Terminal.Contains(s)).ToHashSet();

    /// <summary>Open states before a booking: the offender still has to be contacted and booked.</summary>
    public static readonly IReadOnlySet<ReferralStatus> AwaitingBooking = new HashSet<ReferralStatus>
    {
        ReferralStatus.Received, ReferralStatus.Screening, ReferralStatus.Eligible,
    };

    private static readonly Dictionary<ReferralAction, Move> Moves = new()
    {
        [ReferralAction.StartScreening] = new([ReferralStatus.Received], ReferralStatus.Screening),
        [ReferralAction.ConfirmEligible] = new([ReferralStatus.Screening], ReferralStatus.Eligible),
        [ReferralAction.ReturnIneligible] = new([ReferralStatus.Screening], ReferralStatus.ReturnedIneligible),
        // Contact is attempted from receipt until the booking; once booked the offender has been reached.
        [ReferralAction.ReturnUncontactable] = new(AwaitingBooking, ReferralStatus.ReturnedUncontactable),
        [ReferralAction.Book] = new([ReferralStatus.Eligible], ReferralStatus.Booked),
        [ReferralAction.RecordWorkshop1Attended] = new([ReferralStatus.Booked], ReferralStatus.AttendedWorkshop1),
        [ReferralAction.RecordWorkshop2Attended] = new([ReferralStatus.AttendedWorkshop1], ReferralStatus.Completed),
        // Missing either workshop (or being refused entry for lateness) is a breach.
        [ReferralAction.RecordNonCompliance] = new([ReferralStatus.Booked, ReferralStatus.AttendedWorkshop1], ReferralStatus.NonCompliant),
        // Back to Eligible, not Booked: a participant who misses a workshop repeats both.
        [ReferralAction.AllowRebooking] = new([ReferralStatus.NonCompliant], ReferralStatus.Eligible),
        [ReferralAction.Close] = new([ReferralStatus.NonCompliant], ReferralStatus.Closed),
        [ReferralAction.Withdraw] = new(Open, ReferralStatus.Withdrawn),
        [ReferralAction.RecordFirstContact] = new(AwaitingBooking, To: null),
        [ReferralAction.ExtendDeadline] = new(Open, To: null),
        [ReferralAction.Correct] = new([ReferralStatus.Received], To: null),
        // A cancelled run after Workshop 1 still means both workshops again on a new run.
        [ReferralAction.CancelBooking] = new([ReferralStatus.Booked, ReferralStatus.AttendedWorkshop1], ReferralStatus.Eligible),
        [ReferralAction.NoteRunChanged] = new([ReferralStatus.Booked, ReferralStatus.AttendedWorkshop1], To: null),
    };

    /// <summary>Whether <paramref name="action"/> may be taken from <paramref name="current"/>.</summary>
    public static bool Allows(ReferralStatus current, ReferralAction action) =>
        Moves.TryGetValue(action, out var move) && move.From.Contains(current);

    /// <summary>The status after <paramref name="action"/>, or throws naming the current state and the action.</summary>
    public static ReferralStatus Next(ReferralStatus current, ReferralAction action)
    {
        if (!Allows(current, action))
            throw new IllegalReferralTransitionException(current, action);
        return Moves[action].To ?? current;
    }

    /// <summary>The actions open to a referral in <paramref name="current"/>, for the portal's buttons.</summary>
    public static IEnumerable<ReferralAction> ActionsFrom(ReferralStatus current) =>
        Moves.Where(m => m.Value.From.Contains(current)).Select(m => m.Key);

    private sealed record Move(IReadOnlySet<ReferralStatus> From, ReferralStatus? To)
    {
        public Move(ReferralStatus[] from, ReferralStatus? To) : this(from.ToHashSet(), To)
        {
        }
    }
}
