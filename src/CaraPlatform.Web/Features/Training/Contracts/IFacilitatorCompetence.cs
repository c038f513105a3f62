using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Contracts;

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
