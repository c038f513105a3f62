using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>
/// A victim-contact worker's work on the home page: their cases where the victim has not been reached yet, and the
/// changes to ask the victim about now that a workshop has happened.
/// </summary>
public sealed class VictimContactHomeWork(VictimCaseQueries queries) : IHomeWork
{
    private const int Shown = 10;

    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.Holds(Domain.Access.TenantRole.VictimContactWorker)) return [];
        var mine = await queries.MineAsync(viewer.User, cancellationToken);
        var caseload = new WorkLink("Victim-contact caseload", viewer.Path("victim-contact"));

        var unreached = mine.Where(c => !c.VictimReached).ToList();
        var changes = mine.Where(c => c.ChangesDue.Count > 0).ToList();
        return
        [
            new WorkList("work-victim-no-contact", "Victims not yet reached",
                [.. unreached.Take(Shown).Select(c => Item(viewer, c, c.LastContactAt is null ? "No contact attempted yet" : "Not reached yet"))],
                "Every victim on your cases has been reached.", unreached.Count, [caseload]),
            new WorkList("work-victim-changes", "Victim-reported change due",
                [.. changes.Take(Shown).Select(c => Item(viewer, c, string.Join(" and ", c.ChangesDue.Select(w => w == WorkshopNumber.Workshop1 ? "after Workshop 1" : "after Workshop 2"))))],
                "No victim-reported changes are due.", changes.Count),
        ];
    }

    private static WorkItem Item(HomeViewer viewer, VictimCaseSummary c, string detail) =>
        new($"{c.PoliceReference} {c.ParticipantName}", viewer.Path($"victim-contact/{c.Id}"), detail);
}
