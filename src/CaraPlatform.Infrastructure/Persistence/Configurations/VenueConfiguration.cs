using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class VenueConfiguration : IEntityTypeConfiguration<Venue>
{
    public void Configure(EntityTypeBuilder<Venue> builder)
    {
        builder.HasIndex(v => new { v.TenantId, v.Code }).IsUnique();
        builder.Property(v => v.Code).HasMaxLength(Venue.CodeMaxLength);
        builder.Property(v => v.Name).HasMaxLength(Venue.NameMaxLength);
        builder.Property(v => v.AddressLine1).HasMaxLength(Venue.AddressLineMaxLength);
        builder.Property(v => v.AddressLine2).HasMaxLength(Venue.AddressLineMaxLength);
        builder.Property(v => v.Town).HasMaxLength(Venue.TownMaxLength);
        builder.Property(v => v.Postcode).HasMaxLength(8);
        builder.Property(v => v.Notes).HasMaxLength(Venue.NotesMaxLength);
        builder.Property(v => v.Version).IsRowVersion();
    }
}
