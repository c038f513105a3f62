using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Outcomes;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class ReoffendingFollowUpConfiguration : IEntityTypeConfiguration<ReoffendingFollowUp>
{
    public void Configure(EntityTypeBuilder<ReoffendingFollowUp> builder)
    {
        builder.ToTable("reoffending_follow_ups");
        builder.HasKey(f => new { f.TenantId, f.Id });
        // One follow-up per person and window: the police's repeat finds the row it made.
        builder.HasIndex(f => new { f.TenantId, f.PoliceReference, f.Months }).IsUnique();
        builder.HasIndex(f => new { f.TenantId, f.ReferralId });
        builder.Property(f => f.PoliceReference).HasMaxLength(Referral.PoliceReferenceMaxLength);
        builder.Property(f => f.Cohort).HasConversion<string>().HasMaxLength(30);
        builder.Property(f => f.Version).IsRowVersion();
    }
}

internal sealed class NationalOutcomeConfiguration : IEntityTypeConfiguration<NationalOutcome>
{
    public void Configure(EntityTypeBuilder<NationalOutcome> builder)
    {
        builder.ToTable("outcomes", NationalSchema.Name);
        builder.HasKey(o => new { o.TenantId, o.FollowUpId }).HasName("pk_national_outcomes");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(o => o.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_outcomes_tenants");
        builder.Property(o => o.Cohort).HasConversion<string>().HasMaxLength(30);
        builder.Property(o => o.OffenceTypes).HasColumnType("text[]");
        // The measures join each follow-up to its national referral.
        builder.HasIndex(o => new { o.TenantId, o.ReferralId }).HasDatabaseName("ix_national_outcomes_tenant_id_referral_id");
    }
}
