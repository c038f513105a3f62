using CaraPlatform.Domain.Training;

using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Training;

/// <summary>The training feature's settings.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>How often an active facilitator must be supervised, in months.</summary>
    public int SupervisionCadenceMonths { get; set; } = FacilitatorCompetence.DefaultSupervisionCadenceMonths;
}

/// <summary>
/// What the workshops feature asks of the licence holder's training records: may these people facilitate a run whose
/// Workshop 2 falls on a date. The records are the licence holder's (global tables); this contract is the one way
/// tenant-side code reads them, by person, never by tenant.
/// </summary>
public interface IFacilitatorCompetence
{
    /// <summary>Every gap of each person (an empty list for one who may facilitate), as of today by the clock.</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetenceGap>>> GapsAsync(
        IReadOnlyCollection<Guid> userIds, DateOnly workshop2, CancellationToken cancellationToken);

    /// <summary>As <see cref="GapsAsync(IReadOnlyCollection{Guid}, DateOnly, CancellationToken)"/>, judged as of <paramref name="asOf"/> (a run's first day).</summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetenceGap>>> GapsAsync(
        IReadOnlyCollection<Guid> userIds, DateOnly asOf, DateOnly workshop2, CancellationToken cancellationToken);
}

public sealed class FacilitatorCompetenceCheck(CaraDbContext db, IOptions<TrainingOptions> options, TimeProvider clock) : IFacilitatorCompetence
{
    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetenceGap>>> GapsAsync(
        IReadOnlyCollection<Guid> userIds, DateOnly workshop2, CancellationToken cancellationToken) =>
        GapsAsync(userIds, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), workshop2, cancellationToken);

    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetenceGap>>> GapsAsync(
        IReadOnlyCollection<Guid> userIds, DateOnly asOf, DateOnly workshop2, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct().ToList();
        var training = await db.TrainingRecords.AsNoTracking()
            .Where(r => ids.Contains(r.UserId) && (r.Kind == TrainingCourseKind.FacilitatorInitial || r.Kind == TrainingCourseKind.FacilitatorRefresher))
            .ToListAsync(cancellationToken);
        var supervised = await db.SupervisionRecords.AsNoTracking()
            .Where(s => ids.Contains(s.UserId))
            .GroupBy(s => s.UserId)
            .Select(g => new { UserId = g.Key, Last = g.Max(s => s.HeldOn) })
            .ToDictionaryAsync(s => s.UserId, s => s.Last, cancellationToken);
        return ids.ToDictionary(id => id, id => FacilitatorCompetence.Gaps(
            [.. training.Where(t => t.UserId == id).Select(t => new FacilitatorTraining(t.CompletedOn, t.ExpiresOn, t.IsSignedOff))],
            supervised.TryGetValue(id, out var last) ? last : null,
            asOf, workshop2, options.Value.SupervisionCadenceMonths));
    }
}
