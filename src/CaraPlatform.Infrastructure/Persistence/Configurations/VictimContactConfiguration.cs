using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class VictimCaseConfiguration : IEntityTypeConfiguration<VictimCase>
{
    public void Configure(EntityTypeBuilder<VictimCase> builder)
    {
        builder.HasIndex(c => new { c.TenantId, c.ReferralId }).IsUnique();
        builder.HasIndex(c => new { c.TenantId, c.WorkerId });
        builder.HasOne<Referral>().WithMany().HasForeignKey(c => new { c.TenantId, c.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Entries).WithOne().HasForeignKey(e => new { e.TenantId, e.CaseId }).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Entries).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.DomainEvents);
    }
}

internal sealed class VictimCaseEntryConfiguration : IEntityTypeConfiguration<VictimCaseEntry>
{
    public void Configure(EntityTypeBuilder<VictimCaseEntry> builder)
    {
        builder.HasIndex(e => new { e.TenantId, e.CaseId, e.RecordedAt });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.RecordedByName).HasMaxLength(200);
        builder.Property(e => e.Method).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.DashLevel).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.DashJudgementLevel).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.EscalatedTo).HasConversion<string>().HasMaxLength(20);
        builder.Property(e => e.LawfulBasis).HasMaxLength(VictimCaseEntry.LawfulBasisMaxLength);
        builder.Property(e => e.Workshop).HasConversion<string>().HasMaxLength(10);
        builder.Property(e => e.Change).HasConversion<string>().HasMaxLength(20);
    }
}
