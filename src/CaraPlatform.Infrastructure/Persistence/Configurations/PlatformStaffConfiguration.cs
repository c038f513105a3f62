using CaraPlatform.Domain.Access;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class StaffInvitationConfiguration : IEntityTypeConfiguration<StaffInvitation>
{
    public void Configure(EntityTypeBuilder<StaffInvitation> builder)
    {
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.Email);
        builder.Property(i => i.Email).HasMaxLength(320);
        builder.Property(i => i.Name).HasMaxLength(200);
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.PrimitiveCollection(i => i.Roles).ElementType().HasConversion<string>();
    }
}
