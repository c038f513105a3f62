using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Competence;

/// <summary>The coordinator's runs whose facilitator will lapse before the run, each linking to the run's edit page to replace them.</summary>
public sealed class LapseHomeWork(LapseWatch watch) : IHomeWork
{
    /// <summary>Items shown; the count gives the rest.</summary>
    public const int Shown = 10;

    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.Holds(TenantRole.Coordinator)) return [];
        var risks = await watch.FindAsync(cancellationToken);
        return
        [
            new WorkList("work-runs-at-risk", "Runs whose facilitator will lapse",
                [.. risks.Take(Shown).Select(r => new WorkItem($"{r.Run}: {r.PersonName}", viewer.Path($"runs/{r.RunId}/edit"),
                    string.Join("; ", r.Gaps.Select(g => g.Message)), WorkTag.AtRisk))],
                "No facilitator of an upcoming run will lapse before it.", risks.Count),
        ];
    }
}
