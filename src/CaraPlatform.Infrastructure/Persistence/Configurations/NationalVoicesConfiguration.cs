using CaraPlatform.Domain.National;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

/// <summary>
/// The national tables of what participants and victims say: questionnaire answers, victim-reported change and
/// signposting. Same schema and naming rule as <see cref="NationalReferralConfiguration"/>.
/// </summary>
internal sealed class NationalFeedbackAnswerConfiguration : IEntityTypeConfiguration<NationalFeedbackAnswer>
{
    public void Configure(EntityTypeBuilder<NationalFeedbackAnswer> builder)
    {
        builder.ToTable("feedback_answers", NationalSchema.Name);
        builder.HasKey(a => new { a.TenantId, a.FeedbackId, a.QuestionCode }).HasName("pk_national_feedback_answers");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_feedback_answers_tenants");
        builder.Property(a => a.QuestionCode).HasMaxLength(63);
        builder.Property(a => a.Stage).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ForceCode).HasMaxLength(63);
        builder.Property(a => a.Cohort).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.Language).HasMaxLength(35);
        builder.HasIndex(a => new { a.Month, a.Stage }).HasDatabaseName("ix_national_feedback_answers_month_stage");
        // The referral projection updates a referral's answers when its cohort or language changes.
        builder.HasIndex(a => new { a.TenantId, a.ReferralId }).HasDatabaseName("ix_national_feedback_answers_tenant_id_referral_id");
        // Quality assurance reads one run's answers.
        builder.HasIndex(a => new { a.TenantId, a.RunId }).HasDatabaseName("ix_national_feedback_answers_tenant_id_run_id");
    }
}

internal sealed class NationalVictimChangeConfiguration : IEntityTypeConfiguration<NationalVictimChange>
{
    public void Configure(EntityTypeBuilder<NationalVictimChange> builder)
    {
        builder.ToTable("victim_changes", NationalSchema.Name);
        builder.HasKey(c => new { c.TenantId, c.EntryId }).HasName("pk_national_victim_changes");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(c => c.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_victim_changes_tenants");
        builder.Property(c => c.ForceCode).HasMaxLength(63);
        builder.Property(c => c.Workshop).HasConversion<string>().HasMaxLength(20);
        builder.Property(c => c.Change).HasConversion<string>().HasMaxLength(30);
        builder.HasIndex(c => new { c.Month, c.ForceCode }).HasDatabaseName("ix_national_victim_changes_month_force_code");
    }
}

internal sealed class NationalSignpostingConfiguration : IEntityTypeConfiguration<NationalSignposting>
{
    public void Configure(EntityTypeBuilder<NationalSignposting> builder)
    {
        builder.ToTable("signposting", NationalSchema.Name);
        builder.HasKey(s => new { s.TenantId, s.EntryId, s.Service }).HasName("pk_national_signposting");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_signposting_tenants");
        builder.Property(s => s.Service).HasMaxLength(100);
        builder.Property(s => s.ForceCode).HasMaxLength(63);
        builder.HasIndex(s => new { s.Month, s.ForceCode }).HasDatabaseName("ix_national_signposting_month_force_code");
    }
}
