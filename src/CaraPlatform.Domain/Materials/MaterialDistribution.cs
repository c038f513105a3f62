using System.Globalization;
using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Materials;

/// <summary>
/// A published release as one licensed tenant received it: when it was sent, whether its ProviderAdmins were told, and
/// the tenant's acknowledgement. A tenant that leaves a release unacknowledged past <see cref="AcknowledgeBy"/> cannot
/// schedule new runs until it acknowledges (<see cref="RefusalToSchedule"/>).
/// </summary>
[GlobalEntity]
public sealed class MaterialDistribution
{
    /// <summary>Days a tenant has to acknowledge a release before it holds up new runs.</summary>
    public const int DaysToAcknowledge = 30;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ReleaseId { get; init; }

    public Guid TenantId { get; init; }

    public DateTimeOffset DistributedAt { get; init; }

    /// <summary>The last day the tenant may leave it unacknowledged and still schedule runs.</summary>
    public DateOnly AcknowledgeBy { get; init; }

    /// <summary>When the tenant's ProviderAdmins were emailed; null until the distribution job has done it.</summary>
    public DateTimeOffset? NotifiedAt { get; set; }

    public DateTimeOffset? AcknowledgedAt { get; private set; }

    public Guid? AcknowledgedByUserId { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public uint Version { get; set; }

    public static MaterialDistribution To(Guid tenantId, Guid releaseId, DateTimeOffset at) => new()
    {
        TenantId = tenantId,
        ReleaseId = releaseId,
        DistributedAt = at,
        AcknowledgeBy = UkCalendar.DateOf(at).AddDays(DaysToAcknowledge),
    };

    public bool IsAcknowledged => AcknowledgedAt is not null;

    /// <summary>Unacknowledged after its last day.</summary>
    public bool IsOverdue(DateOnly today) => !IsAcknowledged && today > AcknowledgeBy;

    public void Acknowledge(Guid? userId, string by, DateTimeOffset at)
    {
        if (IsAcknowledged) throw new MaterialRuleException("The release is already acknowledged");
        AcknowledgedAt = at;
        AcknowledgedByUserId = userId;
        AcknowledgedBy = by;
    }

    /// <summary>
    /// Why the tenant may not schedule a new run today: the oldest release of <paramref name="due"/> (the tenant's
    /// distributions of releases still published, with each release's name) left unacknowledged past its last day.
    /// </summary>
    public static string? RefusalToSchedule(IEnumerable<(MaterialDistribution Distribution, string Release)> due, DateOnly today) =>
        due.Where(d => d.Distribution.IsOverdue(today)).OrderBy(d => d.Distribution.AcknowledgeBy).Select(d =>
            $"Acknowledge the materials release \"{d.Release}\" (due by {d.Distribution.AcknowledgeBy.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}) before scheduling new runs")
            .FirstOrDefault();
}

/// <summary>Who downloaded which release of which item, for which tenant (null: the licence holder's own staff).</summary>
[GlobalEntity]
public sealed class MaterialDownload
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public DateTimeOffset At { get; init; }

    public Guid ItemId { get; init; }

    public Guid ReleaseId { get; init; }

    public int ReleaseNumber { get; init; }

    public Guid? TenantId { get; init; }

    /// <summary>The person (user id) or integration client (its client id) that downloaded it.</summary>
    public required string By { get; init; }

    public required string ByName { get; init; }
}

/// <summary>
/// A release in force when a run's Workshop 1 register was recorded: what that group received. Written by the tenant's
/// register, read by the licence holder (no personal data: a run, a date, a release).
/// </summary>
[GlobalEntity]
public sealed class MaterialReceipt
{
    public Guid TenantId { get; init; }

    public Guid RunId { get; init; }

    public Guid ReleaseId { get; init; }

    public Guid ItemId { get; init; }

    public DateOnly Workshop1On { get; init; }
}
