using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Workshops;

/// <summary>A participant's mark on a workshop register.</summary>
public enum AttendanceMark
{
    Attended,

    /// <summary>Arrived late and, as the programme requires, was refused entry: it counts as not attending.</summary>
    LateRefusedEntry,

    Absent,
}

/// <summary>
/// Where a participant stands on their current run. The referral lifecycle consumes this; the police are told
/// attendance, completion and non-compliance, nothing more.
/// </summary>
public enum AttendanceOutcome
{
    /// <summary>Booked; Workshop 1 not yet recorded.</summary>
    AwaitingWorkshop1,

    AttendedWorkshop1,

    /// <summary>Attended Workshop 1 and then Workshop 2 of the same run.</summary>
    Completed,

    /// <summary>Late or absent at either workshop: a breach of the condition, referred back to the police.</summary>
    NonCompliant,
}

/// <summary>One participant's line on a register. The note is for staff (why absent, who phoned), never the police.</summary>
public sealed record AttendanceEntry(Guid ReferralId, AttendanceMark Mark, string? Note = null)
{
    public const int NoteMaxLength = 1000;
}

/// <summary>The register of one workshop of a run, taken by one of the run's facilitators once the workshop has started.</summary>
public sealed class WorkshopRegister : ITenantOwned, ITimestamped
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid RunId { get; init; }

    public required WorkshopNumber Workshop { get; init; }

    public required Guid RecordedBy { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public IReadOnlyList<AttendanceEntry> Entries { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Clears the staff note on one participant's line (retention erasure); the mark stays for the counts.</summary>
    public void EraseNote(Guid referralId) =>
        Entries = [.. Entries.Select(e => e.ReferralId == referralId ? e with { Note = null } : e)];

    /// <summary>
    /// Records the register, or returns every reason it cannot be recorded. Nobody can be marked before the
    /// workshop starts (a late arrival is only late once it has begun), only the run's own facilitators may mark
    /// it, and it covers each participant booked on the run exactly once.
    /// </summary>
    /// <param name="bookedReferralIds">Referrals with a live booking on the run.</param>
    public static (WorkshopRegister? Register, IReadOnlyList<RuleBreach> Breaches) Record(
        CourseRun run, WorkshopNumber workshop, Guid recordedBy, IReadOnlyCollection<Guid> bookedReferralIds,
        IReadOnlyList<AttendanceEntry> entries, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(bookedReferralIds);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(clock);
        var breaches = new List<RuleBreach>();
        var now = clock.GetUtcNow();
        var session = run.Session(workshop);

        if (now < session.StartsAt)
            breaches.Add(new RuleBreach("recordedAt", $"the register opens when {workshop} starts ({session.StartsAt:yyyy-MM-dd HH:mm zzz})"));
        if (!run.IsFacilitator(recordedBy))
            breaches.Add(new RuleBreach("recordedBy", "only a facilitator of this run may record its register"));

        var seen = new HashSet<Guid>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (!bookedReferralIds.Contains(entry.ReferralId))
                breaches.Add(new RuleBreach($"entries[{i}].referralId", "is not booked on this run"));
            else if (!seen.Add(entry.ReferralId))
                breaches.Add(new RuleBreach($"entries[{i}].referralId", "is marked more than once"));
            if (!Enum.IsDefined(entry.Mark))
                breaches.Add(new RuleBreach($"entries[{i}].mark", "must be Attended, LateRefusedEntry or Absent"));
            if (entry.Note is { Length: > AttendanceEntry.NoteMaxLength })
                breaches.Add(new RuleBreach($"entries[{i}].note", $"must be at most {AttendanceEntry.NoteMaxLength} characters"));
        }

        // An unmarked participant would have no outcome to report, so the register is all or nothing.
        var unmarked = bookedReferralIds.Count(id => !seen.Contains(id));
        if (unmarked > 0)
            breaches.Add(new RuleBreach("entries", $"{unmarked} booked participant(s) are not marked"));

        if (breaches.Count > 0) return (null, breaches);
        return (new WorkshopRegister
        {
            TenantId = run.TenantId,
            RunId = run.Id,
            Workshop = workshop,
            RecordedBy = recordedBy,
            RecordedAt = now,
            Entries = [.. entries],
        }, breaches);
    }
}

/// <summary>A participant's marks on one run (one booking).</summary>
public sealed record RunAttendance(Guid RunId, AttendanceMark? Workshop1 = null, AttendanceMark? Workshop2 = null)
{
    public AttendanceOutcome Outcome => AttendanceOutcomes.For(Workshop1, Workshop2);
}

/// <summary>The attendance rules of DESIGN.md §1: both workshops of one run, late is absent, a miss means repeating both.</summary>
public static class AttendanceOutcomes
{
    /// <summary>The outcome of one run's two marks.</summary>
    /// <exception cref="InvalidOperationException">Workshop 2 is marked but Workshop 1 is not: registers are out of order.</exception>
    public static AttendanceOutcome For(AttendanceMark? workshop1, AttendanceMark? workshop2) => (workshop1, workshop2) switch
    {
        (null, null) => AttendanceOutcome.AwaitingWorkshop1,
        (null, _) => throw new InvalidOperationException(
            "Workshop 2 is marked but Workshop 1 is not; Workshop 2 only counts after Workshop 1 of the same run."),
        // Missing Workshop 1 is already a breach: nothing at Workshop 2 can make it good on this run.
        (AttendanceMark.LateRefusedEntry or AttendanceMark.Absent, _) => AttendanceOutcome.NonCompliant,
        (AttendanceMark.Attended, null) => AttendanceOutcome.AttendedWorkshop1,
        (AttendanceMark.Attended, AttendanceMark.Attended) => AttendanceOutcome.Completed,
        (AttendanceMark.Attended, _) => AttendanceOutcome.NonCompliant,
        _ => throw new ArgumentOutOfRangeException(nameof(workshop1), workshop1, "Not an attendance mark."),
    };

    /// <summary>
    /// The participant's outcome across bookings, oldest first. Only the latest run counts: after a police-allowed
    /// re-booking both workshops are repeated, so a Workshop 1 attended on an earlier run is not carried over.
    /// </summary>
    public static AttendanceOutcome Current(IReadOnlyList<RunAttendance> runsInBookingOrder)
    {
        ArgumentNullException.ThrowIfNull(runsInBookingOrder);
        return runsInBookingOrder.Count == 0 ? AttendanceOutcome.AwaitingWorkshop1 : runsInBookingOrder[^1].Outcome;
    }

    /// <summary>
    /// Why a participant cannot be re-booked onto <paramref name="newRun"/>: it must be a run they have not been on
    /// (both workshops are repeated on a new run), and a completed participant has nothing to repeat. Whether a
    /// re-booking is allowed at all is the police's decision, recorded by the referral lifecycle.
    /// </summary>
    public static IReadOnlyList<RuleBreach> RebookingBreaches(IReadOnlyList<RunAttendance> runsInBookingOrder, CourseRun newRun)
    {
        ArgumentNullException.ThrowIfNull(runsInBookingOrder);
        ArgumentNullException.ThrowIfNull(newRun);
        var breaches = new List<RuleBreach>();
        if (Current(runsInBookingOrder) == AttendanceOutcome.Completed)
            breaches.Add(new RuleBreach("runId", "the participant has completed both workshops"));
        if (runsInBookingOrder.Any(r => r.RunId == newRun.Id))
            breaches.Add(new RuleBreach("runId", "must be a new run: after a re-booking both workshops are repeated"));
        return breaches;
    }
}
