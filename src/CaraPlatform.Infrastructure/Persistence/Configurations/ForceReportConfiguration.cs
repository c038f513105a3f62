using CaraPlatform.Domain.ForceReports;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class ForceReportConfiguration : IEntityTypeConfiguration<ForceReport>
{
    public void Configure(EntityTypeBuilder<ForceReport> builder)
    {
        builder.ToTable("force_reports");
        // Once per tenant and month: two instances of the monthly job cannot both make it.
        builder.HasIndex(r => new { r.TenantId, r.Month }).IsUnique();
    }
}
