using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Tenants;

/// <summary>The registry of tenants. Global by nature: tenant resolution reads it before any tenant is known.</summary>
[GlobalEntity]
public sealed class Tenant : ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required string Slug { get; init; }

    public required string Name { get; set; }

    public TenantStatus Status { get; set; }

    public DeliveryModel DeliveryModel { get; set; }

    /// <summary>The tenant file as last applied.</summary>
    public required TenantDefinition Definition { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public void Apply(TenantDefinition definition)
    {
        Name = definition.Name;
        Status = definition.Status;
        DeliveryModel = definition.DeliveryModel;
        Definition = definition;
    }
}
