namespace CaraPlatform.Domain.Tests.Workshops;

public sealed class AttendanceTests
{
    private static readonly Guid Alex = Guid.CreateVersion7();
    private static readonly Guid Sam = Guid.CreateVersion7();
    private static readonly Guid[] Booked = [Alex, Sam];

    private readonly CourseRun _run = CourseRunBuilder.AtVenue();

    /// <summary>The clock at Workshop 1's start: 10:00 BST on 7 June 2025 is 09:00 UTC.</summary>
    private FakeTimeProvider _clock = new(new DateTimeOffset(2025, 6, 7, 9, 0, 0, TimeSpan.Zero));

    private static AttendanceEntry[] BothMarked() =>
        [new(Alex, AttendanceMark.Attended), new(Sam, AttendanceMark.LateRefusedEntry, "Arrived 10:20; refused entry")];

    private (WorkshopRegister? Register, IReadOnlyList<RuleBreach> Breaches) Record(
        IReadOnlyList<AttendanceEntry>? entries = null, Guid? by = null, WorkshopNumber workshop = WorkshopNumber.Workshop1) =>
        WorkshopRegister.Record(_run, workshop, by ?? CourseRunBuilder.FacilitatorA, Booked, entries ?? BothMarked(), _clock);

    private static void AssertSingleBreach((WorkshopRegister? Register, IReadOnlyList<RuleBreach> Breaches) result, string path)
    {
        Assert.Null(result.Register);
        Assert.Equal(path, Assert.Single(result.Breaches).Path);
    }

    [Fact]
    public void A_facilitator_of_the_run_records_the_register_once_the_workshop_has_started()
    {
        var (register, breaches) = Record();
        Assert.Empty(breaches);
        Assert.NotNull(register);
        Assert.Equal(_run.Id, register.RunId);
        Assert.Equal(WorkshopNumber.Workshop1, register.Workshop);
        Assert.Equal(_clock.GetUtcNow(), register.RecordedAt);
        Assert.Equal("Arrived 10:20; refused entry", register.Entries[1].Note);
        Assert.Empty(Record(by: CourseRunBuilder.FacilitatorB).Breaches);
    }

    [Fact]
    public void The_register_cannot_be_recorded_before_the_workshop_starts()
    {
        _clock = new FakeTimeProvider(_run.Workshop1.StartsAt.AddMinutes(-1));
        AssertSingleBreach(Record(), "recordedAt");
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Empty(Record().Breaches);
    }

    [Fact]
    public void The_workshop_2_register_waits_for_workshop_2_to_start()
    {
        _clock.SetUtcNow(_run.Workshop2.StartsAt.AddTicks(-1));
        AssertSingleBreach(Record(workshop: WorkshopNumber.Workshop2), "recordedAt");
        _clock.Advance(TimeSpan.FromTicks(1));
        Assert.Empty(Record(workshop: WorkshopNumber.Workshop2).Breaches);
    }

    [Fact]
    public void Someone_who_is_not_a_facilitator_of_the_run_cannot_record_it()
    {
        AssertSingleBreach(Record(by: Guid.CreateVersion7()), "recordedBy");
        AssertSingleBreach(Record(by: Guid.Empty), "recordedBy");
    }

    [Fact]
    public void Every_booked_participant_is_marked_exactly_once()
    {
        AssertSingleBreach(Record([new(Alex, AttendanceMark.Attended)]), "entries");
        AssertSingleBreach(
            Record([new(Alex, AttendanceMark.Attended), new(Sam, AttendanceMark.Absent), new(Alex, AttendanceMark.Absent)]),
            "entries[2].referralId");
        AssertSingleBreach(
            Record([.. BothMarked(), new(Guid.CreateVersion7(), AttendanceMark.Attended)]),
            "entries[2].referralId");
    }

    [Fact]
    public void A_note_is_at_most_1000_characters()
    {
        Assert.Empty(Record([new(Alex, AttendanceMark.Absent, new string('x', 1000)), new(Sam, AttendanceMark.Attended)]).Breaches);
        AssertSingleBreach(
            Record([new(Alex, AttendanceMark.Absent, new string('x', 1001)), new(Sam, AttendanceMark.Attended)]),
            "entries[0].note");
    }

    [Fact]
    public void Every_reason_a_register_is_refused_is_reported_together()
    {
        _clock = new FakeTimeProvider(_run.Workshop1.StartsAt.AddHours(-1));
        var (register, breaches) = Record([new(Alex, AttendanceMark.Attended)], by: Guid.CreateVersion7());
        Assert.Null(register);
        Assert.Equal(["entries", "recordedAt", "recordedBy"], breaches.Select(b => b.Path).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null, null, AttendanceOutcome.AwaitingWorkshop1)]
    [InlineData(AttendanceMark.Attended, null, AttendanceOutcome.AttendedWorkshop1)]
    [InlineData(AttendanceMark.Attended, AttendanceMark.Attended, AttendanceOutcome.Completed)]
    [InlineData(AttendanceMark.LateRefusedEntry, null, AttendanceOutcome.NonCompliant)]
    [InlineData(AttendanceMark.Absent, null, AttendanceOutcome.NonCompliant)]
    [InlineData(AttendanceMark.Attended, AttendanceMark.LateRefusedEntry, AttendanceOutcome.NonCompliant)]
    [InlineData(AttendanceMark.Attended, AttendanceMark.Absent, AttendanceOutcome.NonCompliant)]
    [InlineData(AttendanceMark.Absent, AttendanceMark.Attended, AttendanceOutcome.NonCompliant)]
    [InlineData(AttendanceMark.LateRefusedEntry, AttendanceMark.Attended, AttendanceOutcome.NonCompliant)]
    public void Outcome_follows_the_attendance_rules(AttendanceMark? workshop1, AttendanceMark? workshop2, AttendanceOutcome outcome) =>
        Assert.Equal(outcome, AttendanceOutcomes.For(workshop1, workshop2));

    [Fact]
    public void Workshop_2_without_a_workshop_1_mark_is_a_sequencing_error_not_a_completion() =>
        Assert.Throws<InvalidOperationException>(() => AttendanceOutcomes.For(null, AttendanceMark.Attended));

    [Fact]
    public void After_a_rebooking_both_workshops_are_repeated_on_the_new_run()
    {
        var first = new RunAttendance(Guid.CreateVersion7(), AttendanceMark.Attended, AttendanceMark.Absent);
        var second = CourseRunBuilder.AtVenue();

        Assert.Empty(AttendanceOutcomes.RebookingBreaches([first], second));
        Assert.Equal(AttendanceOutcome.AwaitingWorkshop1, AttendanceOutcomes.Current([first, new RunAttendance(second.Id)]));
        // Workshop 1 attended on the first run does not carry over: Workshop 2 alone cannot complete the new run.
        Assert.Equal(
            AttendanceOutcome.AttendedWorkshop1,
            AttendanceOutcomes.Current([first, new RunAttendance(second.Id, AttendanceMark.Attended)]));
        Assert.Equal(
            AttendanceOutcome.Completed,
            AttendanceOutcomes.Current([first, new RunAttendance(second.Id, AttendanceMark.Attended, AttendanceMark.Attended)]));
    }

    [Fact]
    public void A_rebooking_must_be_onto_a_new_run_and_not_after_completion()
    {
        var missed = new RunAttendance(_run.Id, AttendanceMark.Absent);
        Assert.Equal("runId", Assert.Single(AttendanceOutcomes.RebookingBreaches([missed], _run)).Path);

        var completed = new RunAttendance(Guid.CreateVersion7(), AttendanceMark.Attended, AttendanceMark.Attended);
        Assert.Equal("runId", Assert.Single(AttendanceOutcomes.RebookingBreaches([completed], _run)).Path);
    }
}
