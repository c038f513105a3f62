using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Infrastructure.Idempotency;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class ReferralConfiguration : IEntityTypeConfiguration<Referral>
{
    public void Configure(EntityTypeBuilder<Referral> builder)
    {
        // Derived views of the referral, not columns; ignored first so EF Core never explores them as entities.
        builder.Ignore(r => r.Details);
        builder.Ignore(r => r.DomainEvents);
        builder.Ignore(r => r.BookingClockStartedAt);
        builder.Ignore(r => r.ClosedAt);
        builder.HasIndex(r => new { r.TenantId, r.PoliceReference }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.Status, r.ReceivedAt });
        builder.HasIndex(r => new { r.TenantId, r.ReceivedAt });
        builder.Property(r => r.PoliceReference).HasMaxLength(Referral.PoliceReferenceMaxLength);
        builder.Property(r => r.ForceCode).HasMaxLength(63);
        builder.Property(r => r.DisposalType).HasConversion<string>().HasMaxLength(30);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
        builder.ComplexProperty(r => r.Officer, officer =>
        {
            officer.Property(o => o.Name).HasMaxLength(ReferringOfficer.NameMaxLength);
            officer.Property(o => o.CollarNumber).HasMaxLength(ReferringOfficer.CollarNumberMaxLength);
            officer.Property(o => o.Email).HasMaxLength(Offender.EmailMaxLength);
            officer.Property(o => o.Phone).HasMaxLength(Offender.PhoneMaxLength);
        });
        builder.ComplexProperty(r => r.Offence, offence =>
        {
            offence.Property(o => o.TypeCode).HasMaxLength(63);
            offence.Property(o => o.Relationship).HasConversion<string>().HasMaxLength(30);
            offence.Ignore(o => o.IsIpv);
        });
        builder.ComplexProperty(r => r.Offender, offender =>
        {
            offender.Property(o => o.GivenName).HasMaxLength(Offender.NameMaxLength);
            offender.Property(o => o.FamilyName).HasMaxLength(Offender.NameMaxLength);
            offender.Property(o => o.Sex).HasConversion<string>().HasMaxLength(10);
            offender.Property(o => o.PreferredLanguage).HasMaxLength(35);
            offender.Property(o => o.AddressLine1).HasMaxLength(Offender.AddressLineMaxLength);
            offender.Property(o => o.AddressLine2).HasMaxLength(Offender.AddressLineMaxLength);
            offender.Property(o => o.Town).HasMaxLength(Offender.TownMaxLength);
            offender.Property(o => o.Postcode).HasMaxLength(8);
            offender.Property(o => o.Phone).HasMaxLength(Offender.PhoneMaxLength);
            offender.Property(o => o.Email).HasMaxLength(Offender.EmailMaxLength);
            offender.Property(o => o.AccessibilityNeeds).HasMaxLength(Offender.NeedsMaxLength);
            offender.Property(o => o.Ethnicity).HasMaxLength(2);
        });
        builder.Ignore(r => r.Timeline);
        builder.Property<List<ReferralTransition>>("timeline").HasColumnName("timeline");
        builder.Property(r => r.Version).IsRowVersion();
    }
}

internal sealed class VictimRecordConfiguration : IEntityTypeConfiguration<VictimRecord>
{
    public void Configure(EntityTypeBuilder<VictimRecord> builder)
    {
        builder.HasIndex(v => new { v.TenantId, v.ReferralId }).IsUnique();
        builder.HasOne<Referral>().WithMany().HasForeignKey(v => new { v.TenantId, v.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        builder.Property(v => v.Version).IsRowVersion();
    }
}

internal sealed class PoliceNoticeConfiguration : IEntityTypeConfiguration<PoliceNotice>
{
    public void Configure(EntityTypeBuilder<PoliceNotice> builder)
    {
        builder.HasOne<Referral>().WithMany().HasForeignKey(n => new { n.TenantId, n.ReferralId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.TenantId, n.ReferralId, n.OccurredAt });
        builder.HasIndex(n => new { n.TenantId, n.OccurredAt });
        // The dispatcher's question: what is still on its way?
        builder.HasIndex(n => new { n.TenantId, n.NextAttemptAt })
            .HasFilter("inbox_delivered_at IS NULL OR webhook_state = 'Pending'");
        builder.Property(n => n.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(n => n.WebhookState).HasConversion<string>().HasMaxLength(20);
        builder.Property(n => n.Payload).HasColumnType("jsonb");
        builder.Property(n => n.Version).IsRowVersion();
    }
}

internal sealed class WebhookDeliveryAttemptConfiguration : IEntityTypeConfiguration<WebhookDeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<WebhookDeliveryAttempt> builder)
    {
        builder.HasOne<PoliceNotice>().WithMany().HasForeignKey(a => new { a.TenantId, a.NoticeId }).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(a => new { a.TenantId, a.NoticeId, a.Attempt }).IsUnique();
        builder.HasIndex(a => new { a.TenantId, a.AttemptedAt });
        builder.Property(a => a.Url).HasMaxLength(2000);
        builder.Property(a => a.Error).HasMaxLength(WebhookDeliveryAttempt.ErrorMaxLength);
    }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.ToTable("idempotency_records");
        builder.HasIndex(r => new { r.TenantId, r.CallerId, r.Operation, r.Key }).IsUnique();
        builder.HasIndex(r => new { r.TenantId, r.CreatedAt });
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyMaxLength);
        builder.Property(r => r.CallerId).HasMaxLength(200);
        builder.Property(r => r.Operation).HasMaxLength(100);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
        builder.Property(r => r.ResponseBody).HasColumnType("jsonb");
        builder.Property(r => r.Location).HasMaxLength(2000);
    }
}
