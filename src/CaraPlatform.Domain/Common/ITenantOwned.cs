namespace CaraPlatform.Domain.Common;

/// <summary>
/// A row that belongs to one tenant. Every entity is tenant-owned unless it is marked
/// <see cref="GlobalEntityAttribute"/>: the data layer refuses a model that is neither.
/// </summary>
public interface ITenantOwned
{
    /// <summary>Stamped by the platform when the row is first saved; feature code never sets it.</summary>
    Guid TenantId { get; set; }
}

/// <summary>
/// Marks an entity that belongs to no tenant (the tenant registry itself, user accounts). Such a table has no
/// tenant filter and no row-level security, so each use of this attribute deserves a reviewer's second look.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class GlobalEntityAttribute : Attribute;

/// <summary>Rows that record when they were created and last changed; the data layer sets both.</summary>
public interface ITimestamped
{
    DateTimeOffset CreatedAt { get; set; }

    DateTimeOffset UpdatedAt { get; set; }
}
