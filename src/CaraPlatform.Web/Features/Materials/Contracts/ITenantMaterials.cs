using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Materials.Contracts;

/// <summary>
/// What tenant-side features ask of the licence holder's materials, always about the CURRENT tenant: whether an
/// unacknowledged release holds up new runs, and which releases a run received.
/// </summary>
public interface ITenantMaterials
{
    /// <summary>Why the current tenant may not schedule a new run today (a release left unacknowledged too long); null when it may.</summary>
    Task<string?> RefusalToScheduleAsync(CancellationToken cancellationToken);

    /// <summary>Records (unsaved, with the caller's save) the releases in force for <paramref name="run"/>'s language as the ones its group received.</summary>
    Task StageReceiptsAsync(CourseRun run, CancellationToken cancellationToken);

    /// <summary>The releases <paramref name="runId"/> received, as "title (language) vN", for the run's page.</summary>
    Task<IReadOnlyList<string>> ReceivedByRunAsync(Guid runId, CancellationToken cancellationToken);
}
