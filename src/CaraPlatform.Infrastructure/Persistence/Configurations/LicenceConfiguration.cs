using CaraPlatform.Domain.Licences;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class LicenceConfiguration : IEntityTypeConfiguration<Licence>
{
    public void Configure(EntityTypeBuilder<Licence> builder)
    {
        // One licence per tenant: a renewal amends it, and its history keeps the earlier terms.
        builder.HasIndex(l => l.TenantId).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(l => l.TenantId).OnDelete(DeleteBehavior.Restrict);
        // Terms and history are jsonb (CaraDbContext's conventions): read and written whole, never queried by their parts.
        builder.Property(l => l.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.LastWarning).HasConversion<string>().HasMaxLength(20);
        builder.Property(l => l.Version).IsRowVersion();
    }
}
