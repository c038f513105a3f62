using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Materials.Contracts;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>A completer whose feedback is still to record.</summary>
public sealed record FeedbackOutstanding(Guid RunId, Guid ReferralId, string ParticipantName, DateOnly Workshop2);

/// <summary>
/// What the facilitators record at the workshops, for the API and the portal: each workshop's register, and the
/// participants' questionnaires at the start of Workshop 1 and the end of Workshop 2. Both are for the run's own
/// facilitators only (403 otherwise).
/// </summary>
public sealed class RegisterHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, IReferralReach reach, Actors actors, AuditTrail audit, ITenantMaterials materials,
    TimeProvider clock)
{
    /// <summary>The tenant's own questions at <paramref name="stage"/>, or the programme's defaults.</summary>
    private FeedbackQuestionSet Questions(FeedbackStage stage) =>
        FeedbackQuestionSet.ForTenant(stage, tenants.Current().Settings.FeedbackQuestionsAt(stage));

    /// <summary>
    /// The workshop's register, recorded or not yet, for those who may see the run's participants (404/403 otherwise),
    /// with the entries of the referrals within the caller's reach (<see cref="IReferralReach"/>).
    /// </summary>
    public async Task<RegisterResponse> GetAsync(Guid runId, WorkshopNumber workshop, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await db.CheckSeesParticipantsAsync(runId, user, cancellationToken);
        var register = await db.WorkshopRegisters.AsNoTracking().SingleOrDefaultAsync(r => r.RunId == runId && r.Workshop == workshop, cancellationToken);
        if (register is null) return new RegisterResponse(runId, workshop, false, null, null, []);
        var marked = register.Entries.Select(e => e.ReferralId).ToList();
        var readable = await (await reach.ReadableIdsAsync(user, cancellationToken)).Where(id => marked.Contains(id)).ToListAsync(cancellationToken);
        return RegisterResponse.From(register) with { Entries = [.. register.Entries.Where(e => readable.Contains(e.ReferralId))] };
    }

    /// <summary>
    /// Records a workshop's register and what it means for each participant: Workshop 1 attended, completed (the
    /// police are told), or non-compliant (the police are told). All in one save: a register is all or nothing.
    /// </summary>
    public async Task<RegisterResponse> RecordAsync(
        Guid runId, WorkshopNumber workshop, IReadOnlyList<RegisterEntryDto> entries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await db.RunAsync(runId, cancellationToken);
        var facilitator = user.PersonId() ?? Guid.Empty;
        if (!run.IsFacilitator(facilitator))
            throw ProblemException.Forbidden("Only a facilitator of this run records its register");
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        if (await db.WorkshopRegisters.AnyAsync(r => r.RunId == runId && r.Workshop == workshop, cancellationToken))
            throw ProblemException.Conflict($"The register of {workshop} is already recorded", field: "workshop");
        if (workshop == WorkshopNumber.Workshop2
            && !await db.WorkshopRegisters.AnyAsync(r => r.RunId == runId && r.Workshop == WorkshopNumber.Workshop1, cancellationToken))
            throw ProblemException.Conflict("Record Workshop 1's register first", field: "workshop");

        var live = await db.LiveBookingsAsync(runId, cancellationToken);
        var (register, breaches) = WorkshopRegister.Record(
            run, workshop, facilitator, live.Select(l => l.Booking.ReferralId).ToList(),
            entries.Select(e => new AttendanceEntry(e.ReferralId!.Value, e.Mark!.Value, string.IsNullOrWhiteSpace(e.Note) ? null : e.Note.Trim())).ToList(),
            clock);
        if (register is null)
        {
            var early = breaches.FirstOrDefault(b => b.Path == "recordedAt");
            if (early is not null) throw ProblemException.Conflict("The register is not open yet", $"The register {early.Message}.", "workshop");
            throw ProblemException.Invalid(breaches);
        }

        var actor = await actors.OfAsync(user);
        var now = clock.GetUtcNow();
        foreach (var entry in register.Entries)
        {
            var (booking, referral) = live.Single(l => l.Booking.ReferralId == entry.ReferralId);
            audit.Stage(db, AuditEntries.By(user, AuditActions.AttendanceRecorded, tenants.Current().TenantId, AuditEntries.Referral(referral.Id), $"{workshop} on run {runId}: {entry.Mark}"));
            switch (booking.Mark(workshop, entry.Mark, now))
            {
                case AttendanceOutcome.AttendedWorkshop1: referral.RecordWorkshop1Attended(actor, clock); break;
                case AttendanceOutcome.Completed: referral.RecordWorkshop2Attended(actor, clock); break;
                case AttendanceOutcome.NonCompliant:
                    var what = entry.Mark == AttendanceMark.LateRefusedEntry ? "Arrived late and was refused entry to" : "Did not attend";
                    referral.RecordNonCompliance($"{what} {Describe(workshop)} on {run.Session(workshop).Date:yyyy-MM-dd}", actor, clock, new(workshop, entry.Mark));
                    break;
            }
        }

        db.WorkshopRegisters.Add(register);
        // The licence holder sees which release of each item every group received: those in force at its first workshop.
        if (workshop == WorkshopNumber.Workshop1) await materials.StageReceiptsAsync(run, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return RegisterResponse.From(register);
    }

    /// <summary>The tenant's questions at <paramref name="stage"/> (or the programme's defaults), asked on the run; 404 for no such run.</summary>
    public async Task<FeedbackQuestionsResponse> FeedbackQuestionsAsync(Guid runId, FeedbackStage stage, CancellationToken cancellationToken)
    {
        await db.RunAsync(runId, cancellationToken);
        return new FeedbackQuestionsResponse(stage, Questions(stage).Questions);
    }

    /// <summary>Whether the participant's questionnaire at <paramref name="stage"/> is already recorded (on any run: one per referral and stage).</summary>
    public Task<bool> FeedbackRecordedAsync(Guid referralId, FeedbackStage stage, CancellationToken cancellationToken) =>
        db.FeedbackResponses.AsNoTracking().AnyAsync(f => f.ReferralId == referralId && f.Stage == stage, cancellationToken);

    /// <summary>Participants of <paramref name="facilitatorId"/>'s runs who completed and whose feedback is not recorded yet, by Workshop 2's date.</summary>
    public async Task<List<FeedbackOutstanding>> FeedbackOutstandingAsync(Guid facilitatorId, CancellationToken cancellationToken)
    {
        var rows = await db.Bookings.AsNoTracking()
            .Where(b => b.Status == BookingStatus.Completed
                && !db.FeedbackResponses.Any(f => f.ReferralId == b.ReferralId && f.Stage == FeedbackStage.PostCourse))
            .Join(db.CourseRuns.Where(r => r.FacilitatorIds.Contains(facilitatorId)), b => b.RunId, r => r.Id, (b, r) => new { b.RunId, b.ReferralId, Workshop2 = r.Workshop2.Date })
            .Join(db.Referrals, x => x.ReferralId, r => r.Id, (x, r) => new { x.RunId, x.ReferralId, x.Workshop2, r.Offender.GivenName, r.Offender.FamilyName })
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(x => x.Workshop2).ThenBy(x => x.FamilyName).ThenBy(x => x.GivenName)
            .Select(x => new FeedbackOutstanding(x.RunId, x.ReferralId, $"{x.GivenName} {x.FamilyName}", x.Workshop2))];
    }

    /// <summary>
    /// A participant's answers, by a facilitator of the run: before the course for anyone booked on it, once Workshop 1
    /// has started; after it for someone who completed, once Workshop 2 has started. Once per referral and stage (409).
    /// Never told to the police.
    /// </summary>
    public async Task RecordFeedbackAsync(
        Guid runId, Guid referralId, FeedbackStage stage, IReadOnlyList<FeedbackAnswerDto> answers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await db.RunAsync(runId, cancellationToken);
        var facilitator = user.PersonId() ?? Guid.Empty;
        if (!run.IsFacilitator(facilitator))
            throw ProblemException.Forbidden("Only a facilitator of this run records its feedback");
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.RunId == runId && b.ReferralId == referralId && b.Status != BookingStatus.Cancelled, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("referralId", "is not booked on this run")]);
        if (stage == FeedbackStage.PostCourse && booking.Status != BookingStatus.Completed)
            throw ProblemException.Conflict("Feedback is for participants who completed Workshop 2", field: "referralId");
        if (await FeedbackRecordedAsync(referralId, stage, cancellationToken))
            throw ProblemException.Conflict($"The participant's {Describe(stage)} questionnaire is already recorded", field: "stage");

        var domainAnswers = answers.Select(a => new FeedbackAnswer(a.QuestionCode!, a.Value!.Value)).ToList();
        var breaches = Questions(stage).Breaches(domainAnswers, run, clock);
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches);
        db.FeedbackResponses.Add(new FeedbackResponse
        {
            RunId = runId,
            ReferralId = referralId,
            Stage = stage,
            Answers = domainAnswers,
            RecordedBy = facilitator,
            RecordedAt = clock.GetUtcNow(),
        });
        audit.Stage(db, AuditEntries.By(user, AuditActions.FeedbackRecorded, tenants.Current().TenantId, AuditEntries.Referral(referralId),
            $"{domainAnswers.Count} {Describe(stage)} answers on run {runId}"));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string Describe(FeedbackStage stage) => stage == FeedbackStage.PreCourse ? "pre-course" : "post-course";

    private static string Describe(WorkshopNumber workshop) => workshop == WorkshopNumber.Workshop1 ? "Workshop 1" : "Workshop 2";
}
