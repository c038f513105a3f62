using CaraPlatform.Domain.Access;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class NationalClientConfiguration : IEntityTypeConfiguration<NationalClient>
{
    public void Configure(EntityTypeBuilder<NationalClient> builder)
    {
        builder.HasIndex(c => c.ClientId).IsUnique();
        builder.Property(c => c.ClientId).HasMaxLength(100);
        builder.Property(c => c.Name).HasMaxLength(200);
    }
}
