using CaraPlatform.Domain.Competence;
using CaraPlatform.Infrastructure.Identity;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class RunAtRiskConfiguration : IEntityTypeConfiguration<RunAtRisk>
{
    public void Configure(EntityTypeBuilder<RunAtRisk> builder)
    {
        builder.ToTable("runs_at_risk");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(r => r.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        // Told of once: one row per run, person and gap, however often the check runs and on however many pods.
        builder.HasIndex(r => new { r.TenantId, r.RunId, r.UserId, r.GapCode }).IsUnique();
        builder.Property(r => r.TenantName).HasMaxLength(200);
        builder.Property(r => r.PersonName).HasMaxLength(256);
        builder.Property(r => r.GapCode).HasMaxLength(40);
        builder.Property(r => r.GapMessage).HasMaxLength(500);
        // The Trainer's page: what is open, soonest run first.
        builder.HasIndex(r => r.Workshop1).HasFilter("resolved_at IS NULL");
    }
}
