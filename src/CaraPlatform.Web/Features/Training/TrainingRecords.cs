using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Training;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.QaReviews.Contracts;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Training;

/// <summary>
/// The licence holder's training records: the catalogue, completions and their sign-off, supervision, and a person's
/// whole record. Every change is audited with the save that makes it.
/// </summary>
public sealed class TrainingRecords(
    CaraDbContext db, UserManager<CaraUser> users, UserTenants userTenants, AuditTrail audit,
    IOptions<TrainingOptions> options, IQaObservations observations, TimeProvider clock)
{
    private DateOnly Today => TrainingCalendar.Today(clock);

    public async Task<IReadOnlyList<CourseResponse>> CoursesAsync(CancellationToken cancellationToken) =>
        (await db.TrainingCourses.AsNoTracking().OrderBy(c => c.Kind).ToListAsync(cancellationToken)).ConvertAll(CourseResponse.From);

    public async Task<CourseResponse> UpdateCourseAsync(TrainingCourseKind kind, UpdateCourseRequest request, Guid actor, CancellationToken cancellationToken)
    {
        var course = await db.TrainingCourses.SingleOrDefaultAsync(c => c.Kind == kind, cancellationToken)
            ?? throw ProblemException.NotFound("Course not found");
        course.Name = request.Name!.Trim();
        course.ValidityMonths = request.ValidityMonths!.Value;
        audit.Stage(db, new AuditEntry(AuditActions.TrainingCourseChanged, $"{course.Name}; {course.ValidityMonths} months", ActorUserId: actor, Subject: kind.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return CourseResponse.From(course);
    }

    public async Task<TrainingRecordResponse> RecordAsync(RecordTrainingRequest request, Guid actor, CancellationToken cancellationToken)
    {
        await PersonMustExistAsync(request.UserId!.Value, "userId");
        if (request.EventId is { } eventId && !await db.TrainingEvents.AnyAsync(e => e.Id == eventId, cancellationToken))
            throw ProblemException.Invalid([new RuleBreach("eventId", "is not a training event")]);
        var record = await NewRecordAsync(request.UserId!.Value, request.Course!.Value, request.CompletedOn!.Value, request.EventId, cancellationToken);
        audit.Stage(db, new AuditEntry(AuditActions.TrainingRecorded, $"{record.Kind} completed {record.CompletedOn:yyyy-MM-dd}", ActorUserId: actor, Subject: record.UserId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return TrainingRecordResponse.From(record);
    }

    /// <summary>A completion of <paramref name="kind"/>, expiring after the course's validity as it is today; added to the context, not saved.</summary>
    internal async Task<TrainingRecord> NewRecordAsync(
        Guid userId, TrainingCourseKind kind, DateOnly completedOn, Guid? eventId, CancellationToken cancellationToken, string? importedFrom = null)
    {
        var course = await db.TrainingCourses.AsNoTracking().SingleAsync(c => c.Kind == kind, cancellationToken);
        var record = new TrainingRecord
        {
            UserId = userId,
            CourseId = course.Id,
            Kind = kind,
            CompletedOn = completedOn,
            ExpiresOn = completedOn.AddMonths(course.ValidityMonths),
            EventId = eventId,
        };
        db.TrainingRecords.Add(record);
        return record;
    }

    /// <summary>A Trainer signs off the competence of a person whose facilitator training this record is, as of today.</summary>
    public async Task<TrainingRecordResponse> SignOffAsync(Guid recordId, SignOffRequest request, Guid trainer, CancellationToken cancellationToken)
    {
        var record = await db.TrainingRecords.SingleOrDefaultAsync(r => r.Id == recordId, cancellationToken)
            ?? throw ProblemException.NotFound("Training record not found");
        if (!TrainingCourse.QualifiesFacilitator(record.Kind))
            throw ProblemException.Conflict("Only facilitator training is signed off", field: "recordId");
        if (record.IsSignedOff) throw ProblemException.Conflict("The record is already signed off", field: "recordId");
        record.SignedOffBy = trainer;
        record.SignedOffOn = Today;
        if (request.ObservationReviewId is { } reviewId && !await observations.ObservedAsync(reviewId, record.UserId, cancellationToken))
            throw ProblemException.Invalid([new RuleBreach("observationReviewId", "is not a submitted quality-assurance review that observed this person")]);
        record.ObservedWorkshop = string.IsNullOrWhiteSpace(request.ObservedWorkshop) ? null : request.ObservedWorkshop.Trim();
        record.ObservationReviewId = request.ObservationReviewId;
        audit.Stage(db, new AuditEntry(AuditActions.TrainingSignedOff, record.Kind.ToString(), ActorUserId: trainer, Subject: record.UserId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return TrainingRecordResponse.From(record);
    }

    public async Task<SupervisionResponse> RecordSupervisionAsync(RecordSupervisionRequest request, Guid actor, CancellationToken cancellationToken)
    {
        await PersonMustExistAsync(request.UserId!.Value, "userId");
        var supervisor = string.IsNullOrWhiteSpace(request.SupervisorName) ? null : request.SupervisorName.Trim();
        var session = new SupervisionRecord
        {
            UserId = request.UserId!.Value,
            HeldOn = request.HeldOn!.Value,
            Kind = request.Kind!.Value,
            // Named by the caller when they record their own session; a name given is someone else, without an account here.
            SupervisorUserId = supervisor is null ? actor : null,
            SupervisorName = supervisor ?? await NameOfAsync(actor),
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(),
        };
        db.SupervisionRecords.Add(session);
        audit.Stage(db, new AuditEntry(AuditActions.SupervisionRecorded, $"{session.Kind} {session.HeldOn:yyyy-MM-dd}", ActorUserId: actor, Subject: session.UserId.ToString()));
        await db.SaveChangesAsync(cancellationToken);
        return SupervisionResponse.From(session);
    }

    /// <summary>The person's whole record, or null when there is no such person.</summary>
    public async Task<PersonTrainingResponse?> PersonAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(userId.ToString()) is not { } person) return null;
        var training = await db.TrainingRecords.AsNoTracking().Where(r => r.UserId == userId)
            .OrderByDescending(r => r.CompletedOn).ToListAsync(cancellationToken);
        var supervision = await db.SupervisionRecords.AsNoTracking().Where(s => s.UserId == userId)
            .OrderByDescending(s => s.HeldOn).ToListAsync(cancellationToken);
        var facilitator = training.Where(r => TrainingCourse.QualifiesFacilitator(r.Kind))
            .Select(r => new FacilitatorTraining(r.CompletedOn, r.ExpiresOn, r.IsSignedOff)).ToList();
        var lastSupervision = supervision.FirstOrDefault()?.HeldOn;
        var cadence = options.Value.SupervisionCadenceMonths;
        var since = lastSupervision ?? facilitator.Where(t => t.SignedOff).MaxBy(t => t.ExpiresOn)?.CompletedOn;
        var tenants = await userTenants.ForUserAsync(userId, cancellationToken);
        return new PersonTrainingResponse(
            person.Id, person.Email ?? "", person.DisplayName, [.. tenants.Select(t => t.Tenant.Name).Order()],
            training.ConvertAll(TrainingRecordResponse.From), supervision.ConvertAll(SupervisionResponse.From),
            since is { } from ? FacilitatorCompetence.SupervisionDue(from, cadence) : null,
            FacilitatorCompetence.Gaps(facilitator, lastSupervision, Today, Today, cadence));
    }

    /// <summary>People whose email or name contains <paramref name="search"/> (everyone with a training record when empty), by email, at most 100.</summary>
    public async Task<IReadOnlyList<PersonSummaryResponse>> PeopleAsync(string? search, CancellationToken cancellationToken)
    {
        var term = search?.Trim();
        var people = string.IsNullOrEmpty(term)
            ? users.Users.Where(u => db.TrainingRecords.Any(r => r.UserId == u.Id))
            : users.Users.Where(u => EF.Functions.ILike(u.Email!, $"%{term}%") || EF.Functions.ILike(u.DisplayName, $"%{term}%"));
        var found = await people.AsNoTracking().OrderBy(u => u.Email).Take(100)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).ToListAsync(cancellationToken);
        var ids = found.ConvertAll(u => u.Id);
        var expiries = await db.TrainingRecords.AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && (r.Kind == TrainingCourseKind.FacilitatorInitial || r.Kind == TrainingCourseKind.FacilitatorRefresher))
            .GroupBy(r => r.UserId).Select(g => new { UserId = g.Key, ExpiresOn = g.Max(r => r.ExpiresOn) })
            .ToDictionaryAsync(g => g.UserId, g => g.ExpiresOn, cancellationToken);
        return [.. found.Select(u => expiries.TryGetValue(u.Id, out var expires)
            ? new PersonSummaryResponse(u.Id, u.Email ?? "", u.DisplayName, expires, TrainingStandings.Of(expires, Today))
            : new PersonSummaryResponse(u.Id, u.Email ?? "", u.DisplayName, null, null))];
    }

    private async Task PersonMustExistAsync(Guid userId, string field)
    {
        if (await users.FindByIdAsync(userId.ToString()) is null)
            throw ProblemException.Invalid([new RuleBreach(field, "is not a person with an account")]);
    }

    private async Task<string> NameOfAsync(Guid userId) =>
        await users.FindByIdAsync(userId.ToString()) is { } u ? (string.IsNullOrEmpty(u.DisplayName) ? u.Email ?? "" : u.DisplayName) : "";
}
