using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class RetentionReviewConfiguration : IEntityTypeConfiguration<RetentionReview>
{
    public void Configure(EntityTypeBuilder<RetentionReview> builder)
    {
        builder.ToTable("retention_reviews");
        // One entry per case however often the job runs; it goes with the referral when a Delete schedule removes it.
        builder.HasIndex(r => new { r.TenantId, r.ReferralId }).IsUnique();
        builder.HasOne<Referral>().WithMany().HasForeignKey(r => new { r.TenantId, r.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.Decision).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Reason).HasMaxLength(RetentionReview.ReasonMaxLength);
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class ErasureLogEntryConfiguration : IEntityTypeConfiguration<ErasureLogEntry>
{
    public void Configure(EntityTypeBuilder<ErasureLogEntry> builder)
    {
        builder.ToTable("erasure_log");
        // No foreign key: the entry outlives a deleted referral, and a case is erased once.
        builder.HasIndex(e => new { e.TenantId, e.ReferralId }).IsUnique();
        builder.HasIndex(e => new { e.TenantId, e.ErasedAt });
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.Rule).HasMaxLength(200);
    }
}

internal sealed class RetainedCountConfiguration : IEntityTypeConfiguration<RetainedCount>
{
    public void Configure(EntityTypeBuilder<RetainedCount> builder)
    {
        builder.ToTable("retained_counts");
        builder.Ignore(c => c.Key);
        builder.HasIndex(c => new { c.TenantId, c.MonthReceived, c.Status, c.Ipv, c.Cohort }).IsUnique().AreNullsDistinct(false);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(c => c.Cohort).HasConversion<string>().HasMaxLength(20);
    }
}
