using CaraPlatform.Domain.QaReviews;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class QaReviewConfiguration : IEntityTypeConfiguration<QaReview>
{
    public void Configure(EntityTypeBuilder<QaReview> builder)
    {
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Restrict);
        // Scores and actions are jsonb (CaraDbContext's conventions): the form writes them whole; lists read them whole.
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Rating).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Findings).HasMaxLength(10000);
        builder.Property(r => r.Response).HasMaxLength(10000);
        builder.Property(r => r.Version).IsRowVersion();
        // The dashboard and the tenant's list read a tenant's reviews newest first.
        builder.HasIndex(r => new { r.TenantId, r.ObservedOn });
    }
}
