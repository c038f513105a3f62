using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;

using CaraPlatform.Web.Features.Training.Contracts;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Training;

/// <summary>The training feature's settings.</summary>
public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>How often an active facilitator must be supervised, in months.</summary>
    public int SupervisionCadenceMonths { get; set; } = FacilitatorCompetence.DefaultSupervisionCadenceMonths;
}

public sealed class FacilitatorCompetenceCheck(CaraDbContext db, IOptions<TrainingOptions> options, TimeProvider clock) : IFacilitatorCompetence
{
    public Task<IReadOnlyDictionary<Guid, IReadOnlyList<CompetenceGap>>> GapsAsync(
        IReadOnlyCollection<Guid> userIds, DateOnly workshop2, CancellationToken cancellationToken) =>
        GapsAsync(userIds, UkCalendar.DateOf(clock.GetUtcNow()), workshop2, cancellationToken);

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
