using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Venues;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Venues;

/// <summary>A venue of the tenant, where workshops are held.</summary>
/// <param name="Id">The venue's id.</param>
/// <param name="Code">Short code, unique in the tenant.</param>
/// <param name="Name">Name of the building or room.</param>
/// <param name="AddressLine1">First address line.</param>
/// <param name="AddressLine2">Second address line, if any.</param>
/// <param name="Town">Town or city.</param>
/// <param name="Postcode">UK postcode in normal form, e.g. "SO14 5GL".</param>
/// <param name="Capacity">Participants the room takes, at most 12 (a CARA group's size).</param>
/// <param name="StepFreeAccess">Whether the room can be reached without steps.</param>
/// <param name="Notes">Practical notes for coordinators (parking, access, keys).</param>
/// <param name="IsActive">Inactive venues are kept for history but not offered for new workshops.</param>
/// <param name="Version">Row version: send it back on update; a stale version is refused with 409.</param>
/// <param name="CreatedAt">When the venue was recorded.</param>
/// <param name="UpdatedAt">When the venue last changed.</param>
public sealed record VenueResponse(
    Guid Id, string Code, string Name, string AddressLine1, string? AddressLine2, string Town, string Postcode,
    int Capacity, bool StepFreeAccess, string? Notes, bool IsActive, uint Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static VenueResponse From(Venue v) => new(
        v.Id, v.Code, v.Name, v.AddressLine1, v.AddressLine2, v.Town, v.Postcode,
        v.Capacity, v.StepFreeAccess, v.Notes, v.IsActive, v.Version, v.CreatedAt, v.UpdatedAt);
}

/// <summary>
/// A tenant's venues. The tenant is enforced by the platform (resolution, query filter, row-level security):
/// nothing here filters by tenant.
/// </summary>
public sealed class VenueHandler(CaraDbContext db, IOptionsSnapshot<WorkshopOptions> workshops)
{
    /// <summary>Active venues by name; retired ones too when <paramref name="includeInactive"/>.</summary>
    public async Task<List<VenueResponse>> ListAsync(bool includeInactive, CancellationToken cancellationToken) =>
        (await db.Venues.AsNoTracking()
            .Where(v => includeInactive || v.IsActive)
            .OrderBy(v => v.Name)
            .ToListAsync(cancellationToken))
        .ConvertAll(VenueResponse.From);

    /// <summary>The venue, or null when the tenant has no such venue.</summary>
    public async Task<VenueResponse?> GetAsync(Guid venueId, CancellationToken cancellationToken) =>
        await db.Venues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken) is { } venue
            ? VenueResponse.From(venue)
            : null;

    /// <summary>Records a venue, with the tenant's group size when no capacity is given; a code in use is refused (409).</summary>
    public async Task<VenueResponse> CreateAsync(CreateVenueRequest request, CancellationToken cancellationToken)
    {
        if (await db.Venues.AnyAsync(v => v.Code == request.Code, cancellationToken))
            throw ProblemException.Conflict("A venue with this code already exists", field: "code");

        Postcode.TryNormalise(request.Postcode, out var postcode);
        var venue = new Venue
        {
            Code = request.Code!,
            Name = request.Name!,
            AddressLine1 = request.AddressLine1!,
            AddressLine2 = request.AddressLine2,
            Town = request.Town!,
            Postcode = postcode,
            Capacity = request.Capacity ?? workshops.Value.Capacity,
            StepFreeAccess = request.StepFreeAccess!.Value,
            Notes = request.Notes,
        };
        db.Venues.Add(venue);
        await db.SaveChangesAsync(cancellationToken);
        return VenueResponse.From(venue);
    }

    /// <summary>
    /// Replaces the venue's details, or returns null when the tenant has no such venue; a venue changed since
    /// <c>request.Version</c> throws <see cref="DbUpdateConcurrencyException"/>.
    /// </summary>
    public async Task<VenueResponse?> UpdateAsync(Guid venueId, UpdateVenueRequest request, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken);
        if (venue is null) return null;

        Postcode.TryNormalise(request.Postcode, out var postcode);
        venue.Name = request.Name!;
        venue.AddressLine1 = request.AddressLine1!;
        venue.AddressLine2 = request.AddressLine2;
        venue.Town = request.Town!;
        venue.Postcode = postcode;
        venue.Capacity = request.Capacity!.Value;
        venue.StepFreeAccess = request.StepFreeAccess!.Value;
        venue.Notes = request.Notes;
        venue.IsActive = request.IsActive!.Value;
        // Compare against the version the caller read, so that the database refuses a lost update.
        db.Entry(venue).Property(v => v.Version).OriginalValue = request.Version!.Value;
        await db.SaveChangesAsync(cancellationToken);
        return VenueResponse.From(venue);
    }
}
