using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Infrastructure.Tenants;

public sealed record TenantApplyResult(int TenantsCreated, int TenantsUpdated, int TenantsUnchanged, int VenuesCreated)
{
    public bool ChangedAnything => TenantsCreated + TenantsUpdated + VenuesCreated > 0;
}

/// <summary>
/// Applies tenant definitions: creates or updates each tenant, and creates the venues its file lists that the
/// tenant does not have yet. Nothing is deleted, and a venue already present is left as the venue API made it:
/// the file seeds venues, the tenant's staff own them afterwards. Runs as the owner role, through the same
/// tenant scopes and row-level security as everything else.
/// </summary>
public sealed class TenantDefinitionApplier(
    OwnerDatabase ownerDatabase,
    IMultiTenantContextSetter<CaraTenantInfo> tenantScopes,
    IEnumerable<IInvalidatableStore> tenantCaches)
{
    public async Task<TenantApplyResult> ApplyAsync(IReadOnlyList<TenantDefinition> definitions, CancellationToken cancellationToken = default)
    {
        int created = 0, updated = 0, unchanged = 0, venuesCreated = 0;
        foreach (var definition in definitions)
        {
            Tenant tenant;
            await using (var db = ownerDatabase.CreateContext())
            {
                var existing = await db.Tenants.SingleOrDefaultAsync(t => t.Slug == definition.Slug, cancellationToken);
                if (existing is null)
                {
                    tenant = new Tenant { Slug = definition.Slug, Name = definition.Name, Definition = definition };
                    tenant.Apply(definition);
                    db.Tenants.Add(tenant);
                    created++;
                }
                else
                {
                    tenant = existing;
                    tenant.Apply(definition);
                    if (db.Entry(tenant).State == EntityState.Modified) updated++;
                    else unchanged++;
                }

                await db.SaveChangesAsync(cancellationToken);
            }

            using (tenantScopes.BeginScope(CaraTenantInfo.From(tenant), "tenant-definition"))
            {
                venuesCreated += await CreateMissingVenues(definition, cancellationToken);
            }
        }

        foreach (var cache in tenantCaches) cache.Invalidate();
        return new TenantApplyResult(created, updated, unchanged, venuesCreated);
    }

    private async Task<int> CreateMissingVenues(TenantDefinition definition, CancellationToken cancellationToken)
    {
        await using var db = ownerDatabase.CreateContext();
        var existingCodes = await db.Venues.Select(v => v.Code).ToListAsync(cancellationToken);
        var missing = definition.Venues.Where(v => !existingCodes.Contains(v.Code)).ToList();
        foreach (var venue in missing)
        {
            Postcode.TryNormalise(venue.Postcode, out var postcode);
            db.Venues.Add(new Venue
            {
                Code = venue.Code,
                Name = venue.Name,
                AddressLine1 = venue.AddressLine1,
                AddressLine2 = venue.AddressLine2,
                Town = venue.Town,
                Postcode = postcode,
                Capacity = venue.Capacity,
                StepFreeAccess = venue.StepFreeAccess,
                Notes = venue.Notes,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        return missing.Count;
    }
}
