using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Members;

/// <summary>The provider admin's staff on the home page: how many members, and the invitations still open.</summary>
public sealed class MemberHomeWork(TenantMembers members, Invitations invitations) : IHomeWork
{
    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.Holds(TenantRole.ProviderAdmin)) return [];
        var count = (await members.ListAsync(cancellationToken)).Count;
        var open = await invitations.ListOpenAsync(cancellationToken);
        return
        [
            new WorkList("work-staff", "Invitations waiting to be accepted",
                [.. open.Select(i => new WorkItem(i.Email, viewer.Path("admin/members"),
                    $"{PortalDisplay.Roles(i.Roles)}; expires {PortalDisplay.Time(i.ExpiresAt)}"))],
                "No invitations are waiting to be accepted.", open.Count, [new("Staff and invitations", viewer.Path("admin/members"))],
                $"{count} {(count == 1 ? "member" : "members")} of staff."),
        ];
    }
}
