using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Contracts;

/// <summary>A course a member of staff completed, as their service sees it: no supervision, no notes.</summary>
public sealed record StaffCourse(TrainingCourseKind Course, string CourseName, DateOnly CompletedOn, DateOnly ExpiresOn, bool SignedOff, TrainingStanding Standing);

/// <summary>An upcoming training event a coordinator may nominate staff for.</summary>
public sealed record OpenTrainingEvent(Guid Id, string CourseName, DateOnly StartsOn, DateOnly EndsOn, string Where, int PlacesLeft);

/// <summary>A person the service nominated for an event, and the Trainer's answer so far.</summary>
public sealed record StaffNomination(Guid EventId, string CourseName, DateOnly StartsOn, Guid UserId, AttendeeStatus Status);

/// <summary>
/// What a tenant's pages may read of the licence holder's training records and ask of its events: by person ids the
/// tenant supplies from its own memberships, or by the tenant itself. Supervision and its notes never cross.
/// </summary>
public interface IStaffTraining
{
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<StaffCourse>>> TrainingOfAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<OpenTrainingEvent>> UpcomingEventsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<StaffNomination>> NominationsOfAsync(Guid tenantId, CancellationToken cancellationToken);

    /// <summary>Puts the person forward for the event; 409 when they are already on its list or it is closed.</summary>
    Task NominateAsync(Guid eventId, Guid userId, Guid tenantId, Guid coordinator, CancellationToken cancellationToken);
}

/// <summary>The licence holder's side of <see cref="IStaffTraining"/>.</summary>
public sealed class StaffTraining(CaraDbContext db, TrainingEvents events, TimeProvider clock) : IStaffTraining
{
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<StaffCourse>>> TrainingOfAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken)
    {
        var today = TrainingCalendar.Today(clock);
        var ids = userIds.Distinct().ToList();
        var rows = await (from r in db.TrainingRecords.AsNoTracking()
                          join c in db.TrainingCourses on r.CourseId equals c.Id
                          where ids.Contains(r.UserId)
                          select new { Record = r, c.Name }).ToListAsync(cancellationToken);
        // The latest completion of each course is what stands.
        return ids.ToDictionary(id => id, id => (IReadOnlyList<StaffCourse>)[.. rows.Where(r => r.Record.UserId == id)
            .GroupBy(r => r.Record.Kind).Select(g => g.MaxBy(r => r.Record.ExpiresOn)!).OrderBy(r => r.Record.Kind)
            .Select(r => new StaffCourse(r.Record.Kind, r.Name, r.Record.CompletedOn, r.Record.ExpiresOn, r.Record.IsSignedOff, TrainingStandings.Of(r.Record.ExpiresOn, today)))]);
    }

    public async Task<IReadOnlyList<OpenTrainingEvent>> UpcomingEventsAsync(CancellationToken cancellationToken)
    {
        var today = TrainingCalendar.Today(clock);
        return [.. (await events.ListAsync(null, cancellationToken)).Where(e => e.StartsOn > today && e.CompletedOn is null)
            .Select(e => new OpenTrainingEvent(e.Id, e.CourseName, e.StartsOn, e.EndsOn, e.Venue ?? "Remote", e.Capacity - e.Enrolled))];
    }

    public async Task<IReadOnlyList<StaffNomination>> NominationsOfAsync(Guid tenantId, CancellationToken cancellationToken) =>
        await (from a in db.TrainingAttendees.AsNoTracking()
               join e in db.TrainingEvents on a.EventId equals e.Id
               join c in db.TrainingCourses on e.CourseId equals c.Id
               where a.NominatedByTenantId == tenantId && e.CancelledAt == null
               orderby e.StartsOn
               select new StaffNomination(e.Id, c.Name, e.StartsOn, a.UserId, a.Status)).ToListAsync(cancellationToken);

    public Task NominateAsync(Guid eventId, Guid userId, Guid tenantId, Guid coordinator, CancellationToken cancellationToken) =>
        events.NominateAsync(eventId, userId, tenantId, coordinator, cancellationToken);
}
