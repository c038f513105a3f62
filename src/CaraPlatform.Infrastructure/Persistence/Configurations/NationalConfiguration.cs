using CaraPlatform.Domain.National;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

/// <summary>
/// The national read model: its own schema, keyed by (tenant, id) like the tenant tables it is fed from, but outside
/// row-level security, because the licence holder's national views read across tenants. Only Features/National
/// touches it (an architecture test holds that).
/// </summary>
public static class NationalSchema
{
    public const string Name = "national";
}

internal sealed class NationalReferralConfiguration : IEntityTypeConfiguration<NationalReferral>
{
    public void Configure(EntityTypeBuilder<NationalReferral> builder)
    {
        builder.ToTable("referrals", NationalSchema.Name);
        // Names of its own: the model's key and index names are one namespace, and public.referrals has these.
        builder.HasKey(r => new { r.TenantId, r.ReferralId }).HasName("pk_national_referrals");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_referrals_tenants");
        builder.Property(r => r.Workshop1On).HasColumnName("workshop1_on");
        // As long as the referral's own columns: a force code or offence type that fits there fits here.
        builder.Property(r => r.ForceCode).HasMaxLength(63);
        builder.Property(r => r.OffenceTypeCode).HasMaxLength(63);
        builder.Property(r => r.Relationship).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.DashLevel).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Sex).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Cohort).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.AgeBand).HasMaxLength(10);
        builder.Property(r => r.Ethnicity).HasMaxLength(10);
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.OffenderKey).HasMaxLength(64);
        builder.Property(r => r.PairKey).HasMaxLength(64);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.ReturnedAs).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.ReturnReasons).HasColumnType("text[]");
        builder.Property(r => r.BreachReason).HasMaxLength(40);
        builder.Property(r => r.Reoffended6Months).HasColumnName("reoffended_6_months");
        builder.Property(r => r.Reoffences6Months).HasColumnName("reoffences_6_months").HasColumnType("text[]");
        builder.Property(r => r.Reoffended12Months).HasColumnName("reoffended_12_months");
        builder.Property(r => r.Reoffences12Months).HasColumnName("reoffences_12_months").HasColumnType("text[]");
        // Every view filters by period first, then by force or tenant.
        builder.HasIndex(r => new { r.Month, r.ForceCode }).HasDatabaseName("ix_national_referrals_month_force_code");
        builder.HasIndex(r => r.PairKey).HasDatabaseName("ix_national_referrals_pair_key");
    }
}

internal sealed class NationalRunConfiguration : IEntityTypeConfiguration<NationalRun>
{
    public void Configure(EntityTypeBuilder<NationalRun> builder)
    {
        builder.ToTable("runs", NationalSchema.Name);
        builder.HasKey(r => new { r.TenantId, r.RunId }).HasName("pk_national_runs");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_national_runs_tenants");
        builder.Property(r => r.Workshop1On).HasColumnName("workshop1_on");
        builder.Property(r => r.Workshop2On).HasColumnName("workshop2_on");
        builder.Property(r => r.Cohort).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.Delivery).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(r => r.Month).HasDatabaseName("ix_national_runs_month");
        builder.Property(r => r.VenueName).HasMaxLength(200);
    }
}

internal sealed class NationalRunAttendanceConfiguration : IEntityTypeConfiguration<NationalRunAttendance>
{
    public void Configure(EntityTypeBuilder<NationalRunAttendance> builder)
    {
        builder.ToTable("run_attendances", NationalSchema.Name);
        builder.HasKey(a => new { a.TenantId, a.RunId, a.ReferralId, a.Workshop }).HasName("pk_national_run_attendances");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(a => a.TenantId).OnDelete(DeleteBehavior.Cascade)
            .HasConstraintName("fk_national_run_attendances_tenants");
        builder.Property(a => a.Workshop).HasConversion<string>().HasMaxLength(10);
    }
}

internal sealed class NationalExportJobConfiguration : IEntityTypeConfiguration<NationalExportJob>
{
    public void Configure(EntityTypeBuilder<NationalExportJob> builder)
    {
        builder.ToTable("export_jobs", NationalSchema.Name);
        builder.HasKey(j => j.Id).HasName("pk_national_export_jobs");
        builder.Ignore(j => j.Filter);
        builder.Property(j => j.Tenant).HasMaxLength(63);
        builder.Property(j => j.Force).HasMaxLength(20);
        // Not the reserved words "from" and "to".
        builder.Property(j => j.From).HasColumnName("from_month");
        builder.Property(j => j.To).HasColumnName("to_month");
        builder.Property(j => j.Cohort).HasConversion<string>().HasMaxLength(20);
        builder.Property(j => j.Language).HasMaxLength(10);
        builder.Property(j => j.State).HasConversion<string>().HasMaxLength(10);
        builder.Property(j => j.FileName).HasMaxLength(200);
        // The worker claims the oldest waiting job.
        builder.HasIndex(j => new { j.State, j.RequestedAt }).HasDatabaseName("ix_national_export_jobs_state_requested_at");
    }
}
