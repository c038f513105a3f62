using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>
/// Course runs, bookings, registers and feedback, for the API and the portal. Every change to a referral goes
/// through the referral's own methods, so its timeline and the police's notices follow from the same save.
/// </summary>
public sealed class WorkshopHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, Actors actors, TimeProvider clock)
{
    private CaraTenantInfo Tenant => tenants.MultiTenantContext.TenantInfo
        ?? throw new InvalidOperationException("Workshops are handled inside a tenant.");

    public async Task<CourseRun> ScheduleAsync(ScheduleRunRequest request, CancellationToken cancellationToken)
    {
        var run = new CourseRun
        {
            Cohort = request.Cohort!.Value,
            Language = request.Language!,
            Workshop1 = Session(request.Workshop1!),
            Workshop2 = Session(request.Workshop2!),
            Delivery = request.Delivery!.Value,
        };
        await ApplyDetailsAsync(run, request, cancellationToken);
        if (run.Workshop1.StartsAt <= clock.GetUtcNow())
            throw ProblemException.Invalid([new RuleBreach("workshop1.date", "must be in the future")]);
        db.CourseRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>
    /// Changes a run before it starts. Booked participants see the change on their timeline; one whose deadline the
    /// new dates miss loses the place and goes back to be booked again (the police are told if the deadline is at risk).
    /// </summary>
    public async Task<CourseRun> UpdateAsync(Guid runId, UpdateRunRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken, track: true);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        if (run.Workshop1.StartsAt <= clock.GetUtcNow()) throw ProblemException.Conflict("The run has started: it can no longer be changed", field: "runId");
        db.Entry(run).Property(r => r.Version).OriginalValue = request.Version!.Value;
        if (run.BookedCount > 0 && (run.Cohort != request.Cohort || run.Language != request.Language))
            throw ProblemException.Conflict("Cohort and language cannot change once participants are booked", field: "cohort");

        var before = (run.Workshop1, run.Workshop2, run.VenueId, run.MeetingLink);
        run.Cohort = request.Cohort!.Value;
        run.Language = request.Language!;
        run.Workshop1 = Session(request.Workshop1!);
        run.Workshop2 = Session(request.Workshop2!);
        run.Delivery = request.Delivery!.Value;
        await ApplyDetailsAsync(run, request, cancellationToken);
        if (run.Capacity < run.BookedCount)
            throw ProblemException.Invalid([new RuleBreach("capacity", $"must be at least the {run.BookedCount} places already booked")]);

        if (before != (run.Workshop1, run.Workshop2, run.VenueId, run.MeetingLink))
        {
            var actor = await actors.OfAsync(user);
            var change = $"Run changed: Workshop 1 {run.Workshop1.Date:yyyy-MM-dd} {run.Workshop1.Start:HH\\:mm}, Workshop 2 {run.Workshop2.Date:yyyy-MM-dd} {run.Workshop2.Start:HH\\:mm}";
            foreach (var (booking, referral) in await LiveBookingsAsync(run.Id, cancellationToken))
            {
                if (run.Workshop2.Date > referral.ConditionDeadline)
                {
                    booking.Cancel($"{change}; Workshop 2 is after the deadline", clock.GetUtcNow());
                    run.BookedCount--;
                    referral.CancelBooking($"{change}; Workshop 2 is after the deadline {referral.ConditionDeadline:yyyy-MM-dd}: re-booking needed", Tenant.Settings, actor, clock);
                }
                else
                {
                    referral.NoteRunChanged(change, actor, clock);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    public async Task<CourseRun> CancelAsync(Guid runId, string reason, uint version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken, track: true);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is already cancelled", field: "runId");
        db.Entry(run).Property(r => r.Version).OriginalValue = version;
        var actor = await actors.OfAsync(user);
        var now = clock.GetUtcNow();
        foreach (var (booking, referral) in await LiveBookingsAsync(run.Id, cancellationToken))
        {
            booking.Cancel($"Run cancelled: {reason.Trim()}", now);
            referral.CancelBooking($"Run cancelled: {reason.Trim()}", Tenant.Settings, actor, clock);
        }

        run.BookedCount = 0;
        run.CancelledAt = now;
        run.CancelReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>
    /// Books the referral onto the run. The seat is claimed by one conditional UPDATE of the run's booked count,
    /// which the database serialises per run and caps by a check constraint: concurrent requests never overfill.
    /// </summary>
    public async Task<Booking> BookAsync(Guid runId, Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await RunAsync(runId, cancellationToken, track: false);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("referralId", "is not a referral of this tenant")]);
        if (!ReferralLifecycle.Allows(referral.Status, ReferralAction.Book))
            throw new IllegalReferralTransitionException(referral.Status, ReferralAction.Book);

        var refusals = BookingEligibility.Refusals(await CandidateAsync(referral, cancellationToken), run, run.BookedCount, clock.GetUtcNow());
        if (refusals.Count > 0) throw Refused(refusals);

        var claimed = await db.CourseRuns
            .Where(r => r.Id == runId && r.CancelledAt == null && r.BookedCount < r.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BookedCount, r => r.BookedCount + 1), cancellationToken);
        if (claimed == 0)
            throw Refused([new BookingRefusal(BookingRefusalCode.RunFull, $"All {run.Capacity} places on the run are taken.")]);

        var actor = await actors.OfAsync(user);
        var booking = new Booking { RunId = run.Id, ReferralId = referral.Id, BookedAt = clock.GetUtcNow(), BookedBy = actor.Id };
        db.Bookings.Add(booking);
        referral.Book(actor, clock, new BookedWorkshops(run.Workshop1.StartsAt, run.Workshop2.StartsAt));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return booking;
    }

    public async Task<Booking> CancelBookingAsync(Guid bookingId, string reason, uint version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken) ?? throw ProblemException.NotFound("Booking not found");
        db.Entry(booking).Property(b => b.Version).OriginalValue = version;
        if (!booking.IsLive) throw ProblemException.Conflict($"The booking is {booking.Status}", field: "bookingId");
        var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
        booking.Cancel(reason, clock.GetUtcNow());
        referral.CancelBooking(reason, Tenant.Settings, await actors.OfAsync(user), clock);
        await db.CourseRuns.Where(r => r.Id == booking.RunId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BookedCount, r => r.BookedCount - 1), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return booking;
    }

    /// <summary>Runs that would take the referral now: the cohort, language, deadline and seats all fit.</summary>
    public async Task<List<CourseRun>> RunsThatFitAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("fitsReferralId", "is not a referral of this tenant")]);
        var candidate = await CandidateAsync(referral, cancellationToken);
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var runs = await db.CourseRuns.AsNoTracking().Where(r => r.CancelledAt == null && r.Workshop1.Date >= today)
            .OrderBy(r => r.Workshop1.Date).ToListAsync(cancellationToken);
        return runs.Where(r => BookingEligibility.Refusals(candidate, r, r.BookedCount, clock.GetUtcNow()).Count == 0).ToList();
    }

    /// <summary>
    /// Records a workshop's register and what it means for each participant: Workshop 1 attended, completed (the
    /// police are told), or non-compliant (the police are told). All in one save: a register is all or nothing.
    /// </summary>
    public async Task<WorkshopRegister> RecordRegisterAsync(
        Guid runId, WorkshopNumber workshop, IReadOnlyList<RegisterEntryDto> entries, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken, track: false);
        var facilitator = user.PersonId() ?? Guid.Empty;
        if (!run.IsFacilitator(facilitator))
            throw ProblemException.Forbidden("Only a facilitator of this run records its register");
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        if (await db.WorkshopRegisters.AnyAsync(r => r.RunId == runId && r.Workshop == workshop, cancellationToken))
            throw ProblemException.Conflict($"The register of {workshop} is already recorded", field: "workshop");
        if (workshop == WorkshopNumber.Workshop2
            && !await db.WorkshopRegisters.AnyAsync(r => r.RunId == runId && r.Workshop == WorkshopNumber.Workshop1, cancellationToken))
            throw ProblemException.Conflict("Record Workshop 1's register first", field: "workshop");

        var live = await LiveBookingsAsync(runId, cancellationToken);
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
            switch (booking.Mark(workshop, entry.Mark, now))
            {
                case AttendanceOutcome.AttendedWorkshop1: referral.RecordWorkshop1Attended(actor, clock); break;
                case AttendanceOutcome.Completed: referral.RecordWorkshop2Attended(actor, clock); break;
                case AttendanceOutcome.NonCompliant:
                    var what = entry.Mark == AttendanceMark.LateRefusedEntry ? "Arrived late and was refused entry to" : "Did not attend";
                    referral.RecordNonCompliance($"{what} {Describe(workshop)} on {run.Session(workshop).Date:yyyy-MM-dd}", actor, clock);
                    break;
            }
        }

        db.WorkshopRegisters.Add(register);
        await db.SaveChangesAsync(cancellationToken);
        return register;
    }

    public async Task<FeedbackResponse> RecordFeedbackAsync(
        Guid runId, Guid referralId, IReadOnlyList<FeedbackAnswerDto> answers, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken, track: false);
        var facilitator = user.PersonId() ?? Guid.Empty;
        if (!run.IsFacilitator(facilitator))
            throw ProblemException.Forbidden("Only a facilitator of this run records its feedback");
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.RunId == runId && b.ReferralId == referralId && b.Status != BookingStatus.Cancelled, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("referralId", "is not booked on this run")]);
        if (booking.Status != BookingStatus.Completed)
            throw ProblemException.Conflict("Feedback is for participants who completed Workshop 2", field: "referralId");

        var domainAnswers = answers.Select(a => new FeedbackAnswer(a.QuestionCode!, a.Value!.Value)).ToList();
        var breaches = FeedbackQuestionSet.ForTenant(Tenant.Settings.FeedbackQuestions).Breaches(domainAnswers, run, clock);
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches);
        var response = new FeedbackResponse { RunId = runId, ReferralId = referralId, Answers = domainAnswers, RecordedBy = facilitator, RecordedAt = clock.GetUtcNow() };
        db.FeedbackResponses.Add(response);
        await db.SaveChangesAsync(cancellationToken);
        return response;
    }

    /// <summary>
    /// The offender's confirmation letter for a live or finished booking. Built only from the run, the venue, the
    /// offender's own details and the provider's: the model has no place for the victim. A remote link appears only
    /// for a confirmed (live) booking.
    /// </summary>
    public async Task<(byte[] Pdf, string FileName)> LetterAsync(Guid bookingId, CancellationToken cancellationToken)
    {
        var booking = await db.Bookings.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken)
            ?? throw ProblemException.NotFound("Booking not found");
        if (booking.Status == BookingStatus.Cancelled)
            throw ProblemException.Conflict("The booking is cancelled: there is no letter to send", field: "bookingId");
        var run = await RunAsync(booking.RunId, cancellationToken);
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
        var venue = run.VenueId is { } venueId ? await db.Venues.AsNoTracking().SingleAsync(v => v.Id == venueId, cancellationToken) : null;
        var settings = Tenant.Settings;
        var offender = referral.Offender;
        LetterDelivery delivery = venue is not null
            ? new VenueLetterDelivery(venue.Name, new[] { venue.AddressLine1, venue.AddressLine2, venue.Town }.OfType<string>().Where(l => l.Length > 0).ToList(), venue.Postcode)
            : new RemoteLetterDelivery(booking.IsLive ? run.MeetingLink : null);
        var letter = new BookingLetterModel(
            settings.Provider.Name,
            new ProviderContactDetails(settings.Contact.Phone, settings.Contact.Email, settings.Contact.Address is { } a ? [a] : []),
            $"{offender.GivenName} {offender.FamilyName}",
            new[] { offender.AddressLine1, offender.AddressLine2, offender.Town, offender.Postcode }.OfType<string>().Where(l => l.Length > 0).ToList(),
            referral.PoliceReference,
            UkCalendar.DateOf(clock.GetUtcNow()),
            new LetterWorkshop(run.Workshop1.Date, run.Workshop1.Start, run.Workshop1.End),
            new LetterWorkshop(run.Workshop2.Date, run.Workshop2.Start, run.Workshop2.End),
            delivery,
            LanguageNames.English(run.Language),
            BookingLetterPdf.DefaultWhatToBring);
        return (BookingLetterPdf.Render(letter), $"cara-booking-{referral.PoliceReference.Replace('/', '-')}.pdf");
    }

    /// <summary>
    /// Who a run's participants and registers are shown to: planners (Coordinator, ProviderAdmin), the run's own
    /// facilitators, and integration clients holding the scope. Another facilitator of the tenant gets 403.
    /// </summary>
    public async Task<CourseRun> RunForParticipantsAsync(Guid runId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await RunAsync(runId, cancellationToken);
        if (user.PersonId() is not { } personId || run.IsFacilitator(personId)) return run;
        var roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == personId).Select(m => m.Roles).SingleOrDefaultAsync(cancellationToken) ?? [];
        if (roles.Contains(TenantRole.Coordinator) || roles.Contains(TenantRole.ProviderAdmin)) return run;
        throw ProblemException.Forbidden("Only the run's facilitators and the tenant's coordinators see its participants and registers");
    }

    public async Task<CourseRun> RunAsync(Guid runId, CancellationToken cancellationToken, bool track = false)
    {
        var runs = track ? db.CourseRuns : db.CourseRuns.AsNoTracking();
        return await runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw ProblemException.NotFound("Run not found");
    }

    public async Task<List<RunResponse>> DescribeAsync(IReadOnlyList<CourseRun> runs, CancellationToken cancellationToken)
    {
        var venueIds = runs.Where(r => r.VenueId is not null).Select(r => r.VenueId!.Value).Distinct().ToList();
        var venues = await db.Venues.AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var peopleIds = runs.SelectMany(r => r.FacilitatorIds).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => peopleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return runs.Select(r => new RunResponse(
            r.Id, r.Cohort, r.Language, SessionResponse.From(r.Workshop1), SessionResponse.From(r.Workshop2), r.Delivery,
            r.VenueId is { } v && venues.TryGetValue(v, out var venue) ? new VenueSummary(venue.Id, venue.Name, venue.Town, venue.Postcode) : null,
            r.MeetingLink, r.Capacity, r.BookedCount, r.SeatsLeft,
            r.FacilitatorIds.Select(id => new PersonSummary(id, people.GetValueOrDefault(id) ?? "")).ToList(),
            r.CancelledAt, r.CancelReason, r.Version)).ToList();
    }

    public async Task<List<BookingResponse>> DescribeAsync(IReadOnlyList<Booking> bookings, CancellationToken cancellationToken)
    {
        var referralIds = bookings.Select(b => b.ReferralId).Distinct().ToList();
        var runIds = bookings.Select(b => b.RunId).Distinct().ToList();
        var referralsById = await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var runs = await db.CourseRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return bookings.Select(b =>
        {
            var referral = referralsById[b.ReferralId];
            var run = runs[b.RunId];
            return new BookingResponse(
                b.Id, b.RunId, b.ReferralId, referral.PoliceReference, $"{referral.Offender.GivenName} {referral.Offender.FamilyName}", b.Status,
                b.Workshop1, b.Workshop2, run.Workshop1.Date, run.Workshop2.Date, b.BookedAt, b.CancelReason, b.Version);
        }).ToList();
    }

    public IQueryable<Booking> Bookings => db.Bookings.AsNoTracking();

    public IQueryable<CourseRun> Runs => db.CourseRuns.AsNoTracking();

    public IQueryable<WorkshopRegister> Registers => db.WorkshopRegisters.AsNoTracking();

    private async Task<List<(Booking Booking, Referral Referral)>> LiveBookingsAsync(Guid runId, CancellationToken cancellationToken)
    {
        var bookings = await db.Bookings.Where(b => b.RunId == runId && b.Status == BookingStatus.Booked).ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.ReferralId).ToList();
        var referralsById = await db.Referrals.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return bookings.Select(b => (b, referralsById[b.ReferralId])).ToList();
    }

    private async Task<BookingCandidate> CandidateAsync(Referral referral, CancellationToken cancellationToken) => new(
        referral.Offender.Sex, referral.Offence.IsIpv, referral.Offender.PreferredLanguage, referral.Offender.InterpreterNeeded,
        referral.ConditionDeadline,
        await db.Bookings.AnyAsync(b => b.ReferralId == referral.Id && b.Status == BookingStatus.Booked, cancellationToken));

    /// <summary>Checks what the scheduling rules need from the database: the venue and that facilitators are the tenant's facilitators.</summary>
    private async Task ApplyDetailsAsync(CourseRun run, IRunDetails request, CancellationToken cancellationToken)
    {
        run.VenueId = request.VenueId;
        run.MeetingLink = request.MeetingLink;
        run.Capacity = request.Capacity ?? Tenant.Settings.WorkshopDefaults.Capacity;
        run.FacilitatorIds = request.FacilitatorIds!.ToList();
        var venue = request.VenueId is { } venueId ? await db.Venues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken) : null;
        var breaches = CourseRunScheduling.Breaches(run, Tenant.Settings, venue).ToList();
        var ids = run.FacilitatorIds.Distinct().ToList();
        var facilitators = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken);
        foreach (var id in ids.Where(id => !facilitators.Any(m => m.UserId == id && m.Roles.Contains(TenantRole.Facilitator))))
            breaches.Add(new RuleBreach("facilitatorIds", $"{id} is not a member of this tenant with the Facilitator role"));
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches.Select(b => b.Path == "facilitators" ? b with { Path = "facilitatorIds" } : b));
    }

    private WorkshopSession Session(SessionDto dto)
    {
        var (start, end) = Tenant.Settings.WorkshopDefaults.SessionTimes();
        return new WorkshopSession(
            dto.Date!.Value,
            dto.StartTime is { } s && Domain.Tenants.TenantDefinition.TryParseTime(s, out var st) ? st : start,
            dto.EndTime is { } e && Domain.Tenants.TenantDefinition.TryParseTime(e, out var et) ? et : end);
    }

    private static string Describe(WorkshopNumber workshop) => workshop == WorkshopNumber.Workshop1 ? "Workshop 1" : "Workshop 2";

    private static ProblemException Refused(IReadOnlyList<BookingRefusal> refusals) => ProblemException.Conflict(
        "The referral cannot be booked on this run", string.Join(" ", refusals.Select(r => r.Message)), "runId",
        new Dictionary<string, object?> { ["refusals"] = refusals.Select(r => new BookingRefusalDto(r.Code, r.Message)).ToList() });
}
