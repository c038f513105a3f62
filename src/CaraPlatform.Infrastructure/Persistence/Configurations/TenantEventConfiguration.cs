using CaraPlatform.Infrastructure.Events;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

internal sealed class TenantEventConfiguration : IEntityTypeConfiguration<TenantEvent>
{
    public void Configure(EntityTypeBuilder<TenantEvent> builder)
    {
        builder.Property(e => e.Type).HasMaxLength(TenantEvent.TypeMaxLength);
        builder.Property(e => e.Payload).HasColumnType("jsonb");
        // The writing transaction, as PostgreSQL numbers it: what the relay reads in order and holds back while running.
        builder.Property(e => e.TransactionId).HasColumnType("xid8").HasDefaultValueSql("pg_current_xact_id()").ValueGeneratedOnAdd();
        builder.HasIndex(e => new { e.TenantId, e.TransactionId, e.Id });
    }
}

internal sealed class TenantEventCursorConfiguration : IEntityTypeConfiguration<TenantEventCursor>
{
    public void Configure(EntityTypeBuilder<TenantEventCursor> builder)
    {
        builder.Property(c => c.Consumer).HasMaxLength(TenantEventCursor.ConsumerMaxLength);
        builder.Property(c => c.LastTransactionId).HasColumnType("xid8");
        builder.HasIndex(c => new { c.TenantId, c.Consumer }).IsUnique();
    }
}
