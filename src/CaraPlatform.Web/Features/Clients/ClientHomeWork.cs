using CaraPlatform.Web.Portal.Home;

namespace CaraPlatform.Web.Features.Clients;

/// <summary>The provider admin's integration clients on the home page: those in use (revoked ones only counted).</summary>
public sealed class ClientHomeWork(IntegrationClients clients) : IHomeWork
{
    public async Task<IReadOnlyList<WorkList>> ListsAsync(HomeViewer viewer, CancellationToken cancellationToken)
    {
        if (!viewer.Holds(TenantRole.ProviderAdmin)) return [];
        var all = await clients.ListAsync(cancellationToken);
        var active = all.Where(c => c.RevokedAt is null).ToList();
        var revoked = all.Count - active.Count;
        return
        [
            new WorkList("work-clients", "Systems connected to the service",
                [.. active.Select(c => new WorkItem(c.Name, viewer.Path("admin/clients"),
                    $"{c.ClientId}; secret last set {PortalDisplay.Time(c.SecretRotatedAt ?? c.CreatedAt)}"))],
                "No systems are connected.", active.Count, [new("Manage clients", viewer.Path("admin/clients"))],
                revoked == 0 ? null : $"{revoked} revoked."),
        ];
    }
}
