using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Venues;

/// <summary>A place where a tenant holds workshops. Remote delivery needs no venue.</summary>
public sealed class Venue : ITenantOwned, ITimestamped
{
    /// <summary>CARA groups are at most 12 participants, so no venue is booked for more.</summary>
    public const int MaxCapacity = 12;

    public const int CodeMaxLength = 63;
    public const int NameMaxLength = 200;
    public const int AddressLineMaxLength = 200;
    public const int TownMaxLength = 100;
    public const int NotesMaxLength = 1000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>Short stable code, unique in the tenant; tenant files refer to venues by it.</summary>
    public required string Code { get; init; }

    public required string Name { get; set; }

    public required string AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public required string Town { get; set; }

    public required string Postcode { get; set; }

    public int Capacity { get; set; }

    public bool StepFreeAccess { get; set; }

    public string? Notes { get; set; }

    /// <summary>Venues are retired, never deleted: past workshops keep pointing at them.</summary>
    public bool IsActive { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Row version for optimistic concurrency (PostgreSQL's xmin).</summary>
    public uint Version { get; set; }
}
