using CaraPlatform.Domain.Training;
using CaraPlatform.Infrastructure.Identity;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class TrainingEventConfiguration : IEntityTypeConfiguration<TrainingEvent>
{
    public void Configure(EntityTypeBuilder<TrainingEvent> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasOne<TrainingCourse>().WithMany().HasForeignKey(e => e.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(e => e.TrainerUserId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(e => e.Venue).HasMaxLength(300);
        builder.Property(e => e.CancelReason).HasMaxLength(1000);
        builder.Property(e => e.Version).IsRowVersion();
        builder.HasIndex(e => e.StartsOn);
    }
}

internal sealed class TrainingAttendeeConfiguration : IEntityTypeConfiguration<TrainingAttendee>
{
    public void Configure(EntityTypeBuilder<TrainingAttendee> builder)
    {
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne<TrainingEvent>().WithMany().HasForeignKey(a => a.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        // A person is on an event's list once, however many coordinators put them forward.
        builder.HasIndex(a => new { a.EventId, a.UserId }).IsUnique();
        builder.HasIndex(a => a.NominatedByTenantId);
        builder.Property(a => a.Version).IsRowVersion();
    }
}
