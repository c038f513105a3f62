using CaraPlatform.Domain.Training;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Mail;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class OutgoingMailConfiguration : IEntityTypeConfiguration<OutgoingMail>
{
    public void Configure(EntityTypeBuilder<OutgoingMail> builder)
    {
        builder.ToTable("outgoing_mail");
        builder.Property(m => m.To).HasMaxLength(320);
        builder.Property(m => m.Subject).HasMaxLength(300);
        builder.Property(m => m.Kind).HasMaxLength(60);
        builder.Property(m => m.AttachmentName).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(1000);
        // The dispatcher's question: what is unsent and due.
        builder.HasIndex(m => m.NextAttemptAt).HasFilter("sent_at IS NULL");
    }
}

internal sealed class TrainingCourseConfiguration : IEntityTypeConfiguration<TrainingCourse>
{
    public void Configure(EntityTypeBuilder<TrainingCourse> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(c => c.Kind).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(200);
    }
}

internal sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(40);
        builder.HasIndex(r => new { r.UserId, r.Kind });
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TrainingCourse>().WithMany().HasForeignKey(r => r.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.ObservedWorkshop).HasMaxLength(300);
        builder.Property(r => r.ImportedFrom).HasMaxLength(300);
    }
}

internal sealed class SupervisionRecordConfiguration : IEntityTypeConfiguration<SupervisionRecord>
{
    public void Configure(EntityTypeBuilder<SupervisionRecord> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => new { r.UserId, r.HeldOn });
        builder.HasOne<CaraUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(r => r.SupervisorName).HasMaxLength(200);
        builder.Property(r => r.Notes).HasMaxLength(4000);
        builder.Property(r => r.ImportedFrom).HasMaxLength(300);
    }
}
