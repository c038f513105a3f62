using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Access;

/// <summary>A person's place in a tenant: which roles they hold there. Owned by the tenant, like its other data.</summary>
public sealed class Membership : ITenantOwned, ITimestamped
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid UserId { get; init; }

    public List<TenantRole> Roles { get; set; } = [];

    /// <summary>The forces a ForceSpoc serves (see <see cref="ForceScope"/>); empty for every other role.</summary>
    public List<string> ForceCodes { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public uint Version { get; set; }
}
