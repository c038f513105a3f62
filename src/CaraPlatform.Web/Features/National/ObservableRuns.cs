using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.National.Contracts;

namespace CaraPlatform.Web.Features.National;

/// <summary>The national read model's side of <see cref="IRunFacts"/>.</summary>
public sealed class ObservableRuns(CaraDbContext db) : IRunFacts
{
    public async Task<IReadOnlyList<ObservableRun>> RunsAsync(Guid? tenantId, DateOnly from, DateOnly until, CancellationToken cancellationToken)
    {
        var runs = await db.NationalRuns.AsNoTracking()
            .Where(r => (tenantId == null || r.TenantId == tenantId) && r.Workshop1On >= from && r.Workshop1On <= until)
            .OrderBy(r => r.Workshop1On).ThenBy(r => r.RunId).ToListAsync(cancellationToken);
        return await DescribeAsync(runs, cancellationToken);
    }

    public async Task<ObservableRun?> RunAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken) =>
        await db.NationalRuns.AsNoTracking().SingleOrDefaultAsync(r => r.TenantId == tenantId && r.RunId == runId, cancellationToken) is { } run
            ? (await DescribeAsync([run], cancellationToken))[0]
            : null;

    public async Task<IReadOnlyList<RunFeedbackCount>> FeedbackAsync(Guid tenantId, Guid runId, CancellationToken cancellationToken)
    {
        var counts = await db.NationalFeedbackAnswers.AsNoTracking()
            .Where(a => a.TenantId == tenantId && a.RunId == runId)
            .GroupBy(a => new { a.Stage, a.QuestionCode, a.Value })
            .Select(g => new { g.Key.Stage, g.Key.QuestionCode, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.OrderBy(c => c.Stage == FeedbackStage.PostCourse).ThenBy(c => c.QuestionCode, StringComparer.Ordinal).ThenBy(c => c.Value)
            .Select(c => new RunFeedbackCount(c.Stage, c.QuestionCode, c.Value, c.Count < NationalCell.Threshold ? null : c.Count))];
    }

    private async Task<List<ObservableRun>> DescribeAsync(List<NationalRun> runs, CancellationToken cancellationToken)
    {
        var ids = runs.ConvertAll(r => r.RunId);
        var attended = await db.NationalRunAttendances.AsNoTracking()
            .Where(a => ids.Contains(a.RunId))
            .GroupBy(a => new { a.TenantId, a.RunId, a.Workshop })
            .Select(g => new { g.Key.TenantId, g.Key.RunId, g.Key.Workshop, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Attended(NationalRun run, WorkshopNumber workshop) =>
            attended.FirstOrDefault(a => a.TenantId == run.TenantId && a.RunId == run.RunId && a.Workshop == workshop)?.Count ?? 0;
        return runs.ConvertAll(r => new ObservableRun(
            r.TenantId, r.RunId, r.Cohort, r.Language, r.Delivery, r.Capacity, r.Workshop1On, r.Workshop2On, r.VenueName,
            [.. r.FacilitatorIds.Select((id, i) => new RunFacilitator(id, i < r.FacilitatorNames.Count ? r.FacilitatorNames[i] : ""))],
            Attended(r, WorkshopNumber.Workshop1), Attended(r, WorkshopNumber.Workshop2), r.CancelledOn));
    }
}
