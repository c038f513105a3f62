using CaraPlatform.Domain.Materials;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class MaterialItemConfiguration : IEntityTypeConfiguration<MaterialItem>
{
    public void Configure(EntityTypeBuilder<MaterialItem> builder)
    {
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Description).HasMaxLength(2000);
        builder.Property(i => i.Workshop).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.Audience).HasConversion<string>().HasMaxLength(40);
        builder.Property(i => i.Language).HasMaxLength(20);
        builder.Property(i => i.Version).IsRowVersion();
    }
}

internal sealed class MaterialReleaseConfiguration : IEntityTypeConfiguration<MaterialRelease>
{
    public void Configure(EntityTypeBuilder<MaterialRelease> builder)
    {
        builder.HasOne<MaterialItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Restrict);
        // Numbers are given in order within the item; two releases started at once cannot take the same one.
        builder.HasIndex(r => new { r.ItemId, r.Number }).IsUnique();
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.ReleaseNotes).HasMaxLength(4000);
        builder.Property(r => r.FileName).HasMaxLength(255);
        builder.Property(r => r.PublishedBy).HasMaxLength(256);
        builder.Property(r => r.WithdrawnReason).HasMaxLength(1000);
        builder.ComplexProperty(r => r.File, file =>
        {
            file.Property(f => f.Key).HasColumnName("file_key").HasMaxLength(200);
            file.Property(f => f.Size).HasColumnName("file_size");
            file.Property(f => f.Sha256).HasColumnName("file_sha256").HasMaxLength(64);
            file.Property(f => f.Type).HasColumnName("file_type").HasConversion<string>().HasMaxLength(10);
        });
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class MaterialDistributionConfiguration : IEntityTypeConfiguration<MaterialDistribution>
{
    public void Configure(EntityTypeBuilder<MaterialDistribution> builder)
    {
        builder.HasOne<MaterialRelease>().WithMany().HasForeignKey(d => d.ReleaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Restrict);
        // A tenant receives a release once, however many rounds of the distribution find it.
        builder.HasIndex(d => new { d.TenantId, d.ReleaseId }).IsUnique();
        builder.HasIndex(d => d.ReleaseId);
        builder.Property(d => d.AcknowledgedBy).HasMaxLength(256);
        builder.Property(d => d.Version).IsRowVersion();
    }
}

internal sealed class MaterialDownloadConfiguration : IEntityTypeConfiguration<MaterialDownload>
{
    public void Configure(EntityTypeBuilder<MaterialDownload> builder)
    {
        builder.Property(d => d.By).HasMaxLength(100);
        builder.Property(d => d.ByName).HasMaxLength(256);
        builder.HasIndex(d => new { d.ReleaseId, d.At });
    }
}

internal sealed class MaterialReceiptConfiguration : IEntityTypeConfiguration<MaterialReceipt>
{
    public void Configure(EntityTypeBuilder<MaterialReceipt> builder)
    {
        builder.HasKey(r => new { r.TenantId, r.RunId, r.ReleaseId });
        builder.HasOne<MaterialRelease>().WithMany().HasForeignKey(r => r.ReleaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ReleaseId);
    }
}
