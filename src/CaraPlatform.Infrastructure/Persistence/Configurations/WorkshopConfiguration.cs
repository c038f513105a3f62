using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Venues;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class CourseRunConfiguration : IEntityTypeConfiguration<CourseRun>
{
    public void Configure(EntityTypeBuilder<CourseRun> builder)
    {
        builder.ToTable(t =>
        {
            // The capacity rule lives in the database so that concurrent bookings cannot overfill a run.
            t.HasCheckConstraint("ck_course_runs_booked_within_capacity", "booked_count >= 0 AND booked_count <= capacity");
            t.HasCheckConstraint("ck_course_runs_capacity", "capacity BETWEEN 1 AND 12");
        });
        builder.HasOne<Venue>().WithMany().HasForeignKey(r => new { r.TenantId, r.VenueId }).IsRequired(false).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Cohort).HasConversion<string>().HasMaxLength(20);
        builder.Property(r => r.Delivery).HasConversion<string>().HasMaxLength(10);
        builder.Property(r => r.Language).HasMaxLength(35);
        builder.Property(r => r.MeetingLink).HasConversion<string>().HasMaxLength(2000);
        builder.Property(r => r.CancelReason).HasMaxLength(Booking.ReasonMaxLength);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.TenantId, r.CancelledAt });
    }
}

internal sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.HasOne<CourseRun>().WithMany().HasForeignKey(b => new { b.TenantId, b.RunId }).OnDelete(DeleteBehavior.Restrict);
        // A referral is deleted only by a Delete retention schedule, and its bookings go with it.
        builder.HasOne<Referral>().WithMany().HasForeignKey(b => new { b.TenantId, b.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        // One live booking per referral, and a referral on a run once: the database, not the handler, has the last word.
        builder.HasIndex(b => new { b.TenantId, b.ReferralId }).IsUnique().HasFilter("status = 'Booked'")
            .HasDatabaseName("ix_bookings_one_live_booking_per_referral");
        builder.HasIndex(b => new { b.TenantId, b.RunId, b.ReferralId }).IsUnique().HasFilter("status <> 'Cancelled'")
            .HasDatabaseName("ix_bookings_once_per_run");
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Workshop1).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.Workshop2).HasConversion<string>().HasMaxLength(20);
        builder.Property(b => b.CancelReason).HasMaxLength(Booking.ReasonMaxLength);
        builder.Property(b => b.Version).IsRowVersion();
    }
}

internal sealed class WorkshopRegisterConfiguration : IEntityTypeConfiguration<WorkshopRegister>
{
    public void Configure(EntityTypeBuilder<WorkshopRegister> builder)
    {
        builder.HasOne<CourseRun>().WithMany().HasForeignKey(r => new { r.TenantId, r.RunId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.TenantId, r.RunId, r.Workshop }).IsUnique();
        builder.Property(r => r.Workshop).HasConversion<string>().HasMaxLength(10);
    }
}

internal sealed class FeedbackResponseConfiguration : IEntityTypeConfiguration<FeedbackResponse>
{
    public void Configure(EntityTypeBuilder<FeedbackResponse> builder)
    {
        builder.HasOne<CourseRun>().WithMany().HasForeignKey(f => new { f.TenantId, f.RunId }).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Referral>().WithMany().HasForeignKey(f => new { f.TenantId, f.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        // One questionnaire per referral and stage, whichever run it was taken on: a repeat of the course is not asked again.
        builder.HasIndex(f => new { f.TenantId, f.ReferralId, f.Stage }).IsUnique();
        builder.HasIndex(f => new { f.TenantId, f.RunId });
        builder.Property(f => f.Stage).HasConversion<string>().HasMaxLength(20).HasDefaultValue(FeedbackStage.PostCourse);
    }
}
