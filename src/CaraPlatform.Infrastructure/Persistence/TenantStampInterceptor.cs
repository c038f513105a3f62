namespace CaraPlatform.Infrastructure.Persistence;

/// <summary>
/// Stamps new tenant rows with the context's tenant and refuses to write a row of another tenant or without one.
/// Also keeps the created/updated timestamps, from the platform's clock.
/// </summary>
public sealed class TenantStampInterceptor(TimeProvider clock) : BeforeSaveInterceptor
{
    protected override void BeforeSave(CaraDbContext db)
    {
        // PostgreSQL keeps microseconds: truncate so that what a write returns equals what a later read sees.
        var utcNow = clock.GetUtcNow();
        var now = utcNow.AddTicks(-(utcNow.Ticks % TimeSpan.TicksPerMicrosecond));
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is ITenantOwned owned && entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                var tenant = db.CurrentTenantId
                    ?? throw new TenantMismatchException($"Cannot save {entry.Metadata.ClrType.Name}: no tenant is current.");
                if (entry.State == EntityState.Added && owned.TenantId == Guid.Empty)
                    owned.TenantId = tenant;
                var original = entry.State == EntityState.Added
                    ? owned.TenantId
                    : entry.Property(nameof(ITenantOwned.TenantId)).OriginalValue as Guid?;
                if (owned.TenantId != tenant || original != tenant)
                    throw new TenantMismatchException(
                        $"Cannot save {entry.Metadata.ClrType.Name} of tenant {owned.TenantId} in a context of tenant {tenant}.");
            }

            if (entry.Entity is ITimestamped timestamped)
            {
                if (entry.State == EntityState.Added) timestamped.CreatedAt = now;
                if (entry.State is EntityState.Added or EntityState.Modified) timestamped.UpdatedAt = now;
            }
        }
    }
}

/// <summary>A write crossed a tenant boundary: a bug in the caller, never a user error.</summary>
public sealed class TenantMismatchException(string message) : InvalidOperationException(message);
