using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Training;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Training;

/// <summary>A training event.</summary>
/// <param name="Course">The catalogue course it delivers.</param>
/// <param name="StartsOn">Its first day, today or later.</param>
/// <param name="EndsOn">Its last day, on or after the first.</param>
/// <param name="TrainerUserId">The person with the Trainer role who leads it.</param>
/// <param name="Venue">Where it is held; omitted for a remote event.</param>
/// <param name="Capacity">Places, 1 to 40.</param>
public sealed record ScheduleEventRequest(TrainingCourseKind? Course, DateOnly? StartsOn, DateOnly? EndsOn, Guid? TrainerUserId, string? Venue, int? Capacity);

/// <summary>Cancels an event.</summary>
/// <param name="Reason">Why, for the attendees.</param>
public sealed record CancelEventRequest(string? Reason);

/// <summary>A person the Trainer puts on the event's list.</summary>
/// <param name="UserId">Their account.</param>
public sealed record EnrolRequest(Guid? UserId);

/// <summary>The Trainer's answer to a coordinator's nomination.</summary>
/// <param name="Accept">True to enrol the person, false to decline.</param>
public sealed record NominationDecisionRequest(bool? Accept);

/// <summary>Who was there.</summary>
/// <param name="Attended">The user ids of the enrolled people who attended; every other enrolled person was absent.</param>
public sealed record AttendanceRequest(List<Guid>? Attended);

internal sealed class ScheduleEventRequestValidator : AbstractValidator<ScheduleEventRequest>
{
    public ScheduleEventRequestValidator(TimeProvider clock)
    {
        RuleFor(r => r.Course).NotNull().IsInEnum();
        RuleFor(r => r.StartsOn).Cascade(CascadeMode.Stop).NotNull().Must(d => d >= TrainingCalendar.Today(clock)).WithMessage("'startsOn' must be today or later.");
        RuleFor(r => r.EndsOn).Cascade(CascadeMode.Stop).NotNull().Must((r, d) => d >= r.StartsOn).WithMessage("'endsOn' must be on or after startsOn.");
        RuleFor(r => r.TrainerUserId).NotEmpty();
        RuleFor(r => r.Venue).MaximumLength(300);
        RuleFor(r => r.Capacity).NotNull().InclusiveBetween(1, 40);
    }
}

internal sealed class CancelEventRequestValidator : AbstractValidator<CancelEventRequest>
{
    public CancelEventRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(1000);
}

internal sealed class EnrolRequestValidator : AbstractValidator<EnrolRequest>
{
    public EnrolRequestValidator() => RuleFor(r => r.UserId).NotEmpty();
}

internal sealed class NominationDecisionRequestValidator : AbstractValidator<NominationDecisionRequest>
{
    public NominationDecisionRequestValidator() => RuleFor(r => r.Accept).NotNull();
}

internal sealed class AttendanceRequestValidator : AbstractValidator<AttendanceRequest>
{
    public AttendanceRequestValidator() => RuleFor(r => r.Attended).NotNull();
}

/// <summary>A training event in a list.</summary>
public sealed record EventResponse(
    Guid Id, TrainingCourseKind Course, string CourseName, DateOnly StartsOn, DateOnly EndsOn, Guid TrainerUserId, string TrainerName,
    string? Venue, int Capacity, int Enrolled, int Nominated, bool Cancelled, string? CancelReason, DateOnly? CompletedOn);

/// <summary>A person on an event's list, with the services they belong to.</summary>
public sealed record AttendeeResponse(Guid UserId, string Email, string DisplayName, IReadOnlyList<string> Tenants, AttendeeStatus Status, bool? Attended);

/// <summary>A person with the Trainer role, who may lead an event.</summary>
public sealed record EventTrainer(Guid UserId, string DisplayName, string Email);

/// <summary>An event and everyone on its list.</summary>
public sealed record EventDetailResponse(EventResponse Event, IReadOnlyList<AttendeeResponse> Attendees);

/// <summary>
/// Training events: the Trainer schedules them, enrols people of any tenant or answers coordinators' nominations,
/// takes attendance, and completes the event, which gives each person who attended the course's record.
/// </summary>
public sealed class TrainingEvents(
    CaraDbContext db, UserManager<CaraUser> users, UserTenants userTenants, TrainingRecords records, AuditTrail audit, TimeProvider clock)
{
    private DateOnly Today => TrainingCalendar.Today(clock);

    public async Task<EventResponse> ScheduleAsync(ScheduleEventRequest request, Guid actor, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(request.TrainerUserId!.Value.ToString()) is not { } trainer || !trainer.PlatformRoles.Contains(PlatformRole.Trainer))
            throw ProblemException.Invalid([new RuleBreach("trainerUserId", "is not a person with the Trainer role")]);
        var course = await db.TrainingCourses.AsNoTracking().SingleAsync(c => c.Kind == request.Course, cancellationToken);
        var training = new TrainingEvent
        {
            CourseId = course.Id,
            Kind = course.Kind,
            StartsOn = request.StartsOn!.Value,
            EndsOn = request.EndsOn!.Value,
            TrainerUserId = trainer.Id,
            Venue = string.IsNullOrWhiteSpace(request.Venue) ? null : request.Venue.Trim(),
            Capacity = request.Capacity!.Value,
        };
        db.TrainingEvents.Add(training);
        Audit(training, actor, "scheduled");
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(training.Id, cancellationToken)).Single();
    }

    public async Task<EventResponse> CancelAsync(Guid eventId, CancelEventRequest request, Guid actor, CancellationToken cancellationToken)
    {
        var training = await OpenEventAsync(eventId, cancellationToken);
        training.CancelledAt = clock.GetUtcNow();
        training.CancelReason = request.Reason!.Trim();
        Audit(training, actor, "cancelled");
        await db.SaveChangesAsync(cancellationToken);
        return (await ListAsync(eventId, cancellationToken)).Single();
    }

    /// <summary>Events not yet over and not cancelled, soonest first; or one event by id.</summary>
    public async Task<IReadOnlyList<EventResponse>> ListAsync(Guid? eventId, CancellationToken cancellationToken)
    {
        var today = Today;
        var events = eventId is { } id ? db.TrainingEvents.Where(e => e.Id == id) : db.TrainingEvents.Where(e => e.CancelledAt == null && e.EndsOn >= today);
        var rows = await events.AsNoTracking().OrderBy(e => e.StartsOn)
            .Select(e => new
            {
                Event = e,
                Course = db.TrainingCourses.Where(c => c.Id == e.CourseId).Select(c => c.Name).Single(),
                Trainer = users.Users.Where(u => u.Id == e.TrainerUserId).Select(u => u.DisplayName).Single(),
                Enrolled = db.TrainingAttendees.Count(a => a.EventId == e.Id && a.Status == AttendeeStatus.Enrolled),
                Nominated = db.TrainingAttendees.Count(a => a.EventId == e.Id && a.Status == AttendeeStatus.Nominated),
            }).ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new EventResponse(r.Event.Id, r.Event.Kind, r.Course, r.Event.StartsOn, r.Event.EndsOn, r.Event.TrainerUserId, r.Trainer,
            r.Event.Venue, r.Event.Capacity, r.Enrolled, r.Nominated, r.Event.IsCancelled, r.Event.CancelReason, r.Event.CompletedOn));
    }

    /// <summary>The people who may lead an event, by name.</summary>
    public async Task<IReadOnlyList<EventTrainer>> TrainersAsync(CancellationToken cancellationToken) =>
        await users.Users.AsNoTracking().Where(u => u.PlatformRoles.Contains(PlatformRole.Trainer)).OrderBy(u => u.DisplayName)
            .Select(u => new EventTrainer(u.Id, u.DisplayName, u.Email ?? "")).ToListAsync(cancellationToken);

    public async Task<EventDetailResponse?> GetAsync(Guid eventId, CancellationToken cancellationToken)
    {
        if ((await ListAsync(eventId, cancellationToken)).SingleOrDefault() is not { } summary) return null;
        var attendees = await (from a in db.TrainingAttendees.AsNoTracking()
                               join u in users.Users on a.UserId equals u.Id
                               where a.EventId == eventId
                               orderby u.Email
                               select new { a.UserId, u.Email, u.DisplayName, a.Status, a.Attended }).ToListAsync(cancellationToken);
        var list = new List<AttendeeResponse>();
        foreach (var a in attendees)
        {
            var tenants = await userTenants.ForUserAsync(a.UserId, cancellationToken);
            list.Add(new AttendeeResponse(a.UserId, a.Email ?? "", a.DisplayName, [.. tenants.Select(t => t.Tenant.Name).Order()], a.Status, a.Attended));
        }

        return new EventDetailResponse(summary, list);
    }

    public async Task<EventDetailResponse> EnrolAsync(Guid eventId, Guid userId, Guid actor, CancellationToken cancellationToken)
    {
        var training = await OpenEventAsync(eventId, cancellationToken);
        if (await users.FindByIdAsync(userId.ToString()) is null)
            throw ProblemException.Invalid([new RuleBreach("userId", "is not a person with an account")]);
        var attendee = await db.TrainingAttendees.SingleOrDefaultAsync(a => a.EventId == eventId && a.UserId == userId, cancellationToken);
        if (attendee is null) db.TrainingAttendees.Add(attendee = new TrainingAttendee { EventId = eventId, UserId = userId });
        await EnrolAsync(training, attendee, actor, cancellationToken);
        return (await GetAsync(eventId, cancellationToken))!;
    }

    public async Task<EventDetailResponse> DecideAsync(Guid eventId, Guid userId, bool accept, Guid actor, CancellationToken cancellationToken)
    {
        var training = await OpenEventAsync(eventId, cancellationToken);
        var attendee = await db.TrainingAttendees.SingleOrDefaultAsync(a => a.EventId == eventId && a.UserId == userId && a.Status == AttendeeStatus.Nominated, cancellationToken)
            ?? throw ProblemException.NotFound("No nomination of that person for the event");
        if (accept) await EnrolAsync(training, attendee, actor, cancellationToken);
        else
        {
            attendee.Status = AttendeeStatus.Declined;
            Audit(training, actor, $"declined {userId}");
            await db.SaveChangesAsync(cancellationToken);
        }

        return (await GetAsync(eventId, cancellationToken))!;
    }

    /// <summary>Marks who of the enrolled people was there, from the event's first day until it is completed.</summary>
    public async Task<EventDetailResponse> RecordAttendanceAsync(Guid eventId, IReadOnlyCollection<Guid> attended, Guid actor, CancellationToken cancellationToken)
    {
        var training = await OpenEventAsync(eventId, cancellationToken);
        if (training.StartsOn > Today) throw ProblemException.Conflict("The event has not started: attendance is taken from its first day", field: "eventId");
        var enrolled = await db.TrainingAttendees.Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Enrolled).ToListAsync(cancellationToken);
        var strangers = attended.Except(enrolled.Select(a => a.UserId)).ToList();
        if (strangers.Count > 0) throw ProblemException.Invalid([new RuleBreach("attended", $"names people not enrolled on the event: {string.Join(", ", strangers)}")]);
        foreach (var attendee in enrolled) attendee.Attended = attended.Contains(attendee.UserId);
        Audit(training, actor, $"attendance {attended.Count} of {enrolled.Count}");
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(eventId, cancellationToken))!;
    }

    /// <summary>Completes the event on its last day or later: each person who attended gets the course's record, completed on the last day.</summary>
    public async Task<EventDetailResponse> CompleteAsync(Guid eventId, Guid actor, CancellationToken cancellationToken)
    {
        var training = await OpenEventAsync(eventId, cancellationToken);
        if (training.EndsOn > Today) throw ProblemException.Conflict("The event has not ended", field: "eventId");
        var enrolled = await db.TrainingAttendees.AsNoTracking().Where(a => a.EventId == eventId && a.Status == AttendeeStatus.Enrolled).ToListAsync(cancellationToken);
        if (enrolled.Any(a => a.Attended is null)) throw ProblemException.Conflict("Attendance is not taken for everyone enrolled", field: "eventId");
        foreach (var attendee in enrolled.Where(a => a.Attended == true))
            await records.NewRecordAsync(attendee.UserId, training.Kind, training.EndsOn, training.Id, cancellationToken);
        training.CompletedOn = Today;
        Audit(training, actor, $"completed: {enrolled.Count(a => a.Attended == true)} records");
        await db.SaveChangesAsync(cancellationToken);
        return (await GetAsync(eventId, cancellationToken))!;
    }

    /// <summary>A coordinator's nomination of a member of their tenant; a person already on the list keeps their place.</summary>
    internal async Task NominateAsync(Guid eventId, Guid userId, Guid tenantId, Guid coordinator, CancellationToken cancellationToken)
    {
        await OpenEventAsync(eventId, cancellationToken);
        if (await db.TrainingAttendees.AnyAsync(a => a.EventId == eventId && a.UserId == userId, cancellationToken))
            throw ProblemException.Conflict("The person is already on the event's list", field: "userId");
        db.TrainingAttendees.Add(new TrainingAttendee
        {
            EventId = eventId,
            UserId = userId,
            Status = AttendeeStatus.Nominated,
            NominatedByTenantId = tenantId,
            NominatedBy = coordinator,
        });
        audit.Stage(db, new AuditEntry(AuditActions.TrainingAttendeeChanged, "nominated", tenantId, coordinator, Subject: userId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task EnrolAsync(TrainingEvent training, TrainingAttendee attendee, Guid actor, CancellationToken cancellationToken)
    {
        if (attendee.Status == AttendeeStatus.Enrolled) return;
        var enrolled = await db.TrainingAttendees.CountAsync(a => a.EventId == training.Id && a.Status == AttendeeStatus.Enrolled, cancellationToken);
        if (enrolled >= training.Capacity) throw ProblemException.Conflict($"The event is full: {training.Capacity} places", field: "userId");
        attendee.Status = AttendeeStatus.Enrolled;
        Audit(training, actor, $"enrolled {attendee.UserId}");
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<TrainingEvent> OpenEventAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var training = await db.TrainingEvents.SingleOrDefaultAsync(e => e.Id == eventId, cancellationToken)
            ?? throw ProblemException.NotFound("Training event not found");
        if (training.IsCancelled) throw ProblemException.Conflict("The event is cancelled", field: "eventId");
        if (training.CompletedOn is not null) throw ProblemException.Conflict("The event is completed", field: "eventId");
        return training;
    }

    private void Audit(TrainingEvent training, Guid actor, string outcome) =>
        audit.Stage(db, new AuditEntry(AuditActions.TrainingEventChanged, outcome, ActorUserId: actor, Subject: training.Id.ToString()));
}
