using System.Globalization;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training.Contracts;

namespace CaraPlatform.Web.Features.Competence;

/// <summary>A facilitator of an upcoming run of the current tenant who will lapse before it, with every reason.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Workshop1">Workshop 1's date.</param>
/// <param name="Workshop2">Workshop 2's date.</param>
/// <param name="PersonId">The facilitator.</param>
/// <param name="PersonName">Their name.</param>
/// <param name="Gaps">Each reason, as the competence rule words it.</param>
public sealed record LapseRisk(Guid RunId, DateOnly Workshop1, DateOnly Workshop2, Guid PersonId, string PersonName, IReadOnlyList<CompetenceGap> Gaps)
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>The run as people name it: its workshop dates.</summary>
    public string Run => string.Create(Uk, $"Run of {Workshop1:d MMM yyyy} and {Workshop2:d MMM yyyy}");
}

/// <summary>
/// The current tenant's upcoming runs (not cancelled, Workshop 1 not yet begun) with a facilitator who will lapse
/// before the run: training missing, unsigned or expiring before Workshop 2, or supervision falling due before
/// Workshop 1. Judged as of Workshop 1 through the training feature's contract, so a run is flagged in time to act.
/// </summary>
public sealed class LapseWatch(CaraDbContext db, IFacilitatorCompetence competence, TimeProvider clock)
{
    public async Task<IReadOnlyList<LapseRisk>> FindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        var runs = (await db.CourseRuns.AsNoTracking().Where(r => r.CancelledAt == null && r.Workshop1.Date >= today)
            .OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken))
            .Where(r => r.Workshop1.StartsAt > now).ToList();
        var found = new List<(Domain.Workshops.CourseRun Run, Guid Person, IReadOnlyList<CompetenceGap> Gaps)>();
        foreach (var run in runs)
        {
            var gaps = await competence.GapsAsync(run.FacilitatorIds, run.Workshop1.Date, run.Workshop2.Date, cancellationToken);
            found.AddRange(run.FacilitatorIds.Distinct().Where(id => gaps[id].Count > 0).Select(id => (run, id, gaps[id])));
        }

        var ids = found.Select(f => f.Person).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. found.Select(f => new LapseRisk(f.Run.Id, f.Run.Workshop1.Date, f.Run.Workshop2.Date, f.Person, names.GetValueOrDefault(f.Person) ?? "", f.Gaps))];
    }
}
