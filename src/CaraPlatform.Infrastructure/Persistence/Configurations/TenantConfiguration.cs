using System.Text.Json;
using CaraPlatform.Infrastructure.Tenants;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.HasKey(t => t.Id);
        builder.HasIndex(t => t.Slug).IsUnique();
        builder.Property(t => t.Slug).HasMaxLength(63);
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.DeliveryModel).HasConversion<string>().HasMaxLength(20);
    }
}

/// <summary>
/// Stores a tenant definition as one jsonb value. Registered as a convention (not per property) so that EF Core
/// never mistakes the definition's records for entities.
/// </summary>
internal sealed class TenantDefinitionConverter() : ValueConverter<TenantDefinition, string>(
    d => JsonSerializer.Serialize(d, TenantDefinitionJson.Options),
    s => JsonSerializer.Deserialize<TenantDefinition>(s, TenantDefinitionJson.Options)!);

internal sealed class TenantDefinitionComparer() : ValueComparer<TenantDefinition>(
    (a, b) => a == null ? b == null : b != null && TenantDefinitionJson.Canonical(a) == TenantDefinitionJson.Canonical(b),
    d => TenantDefinitionJson.Canonical(d).GetHashCode(StringComparison.Ordinal),
    d => JsonSerializer.Deserialize<TenantDefinition>(TenantDefinitionJson.Canonical(d), TenantDefinitionJson.Options)!);
