using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Venues;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Web.Features.Venues;

/// <summary>
/// A tenant's venues. The tenant comes from the route and is enforced by the platform (resolution, query filter,
/// row-level security): nothing here filters by tenant.
/// </summary>
public static class VenueEndpoints
{
    public static void MapVenues(this RouteGroupBuilder tenantApi)
    {
        var venues = tenantApi.MapGroup("/venues").WithTags("Venues");
        TenantRole[] readers = [TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.Facilitator];
        TenantRole[] editors = [TenantRole.ProviderAdmin, TenantRole.Coordinator];

        venues.MapGet("/", List).WithName("ListVenues").WithSummary("List the tenant's venues")
            .WithDescription("Active venues by name; includeInactive=true adds retired ones.")
            .RequireTenantApiAccess(ApiScopes.VenuesRead, readers);
        venues.MapGet("/{venueId:guid}", Get).WithName("GetVenue").WithSummary("Get a venue")
            .WithDescription("404 when the tenant has no such venue.")
            .RequireTenantApiAccess(ApiScopes.VenuesRead, readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
        venues.MapPost("/", Create).WithName("CreateVenue").WithSummary("Record a new venue")
            .WithDescription("The code must be new in the tenant (409 otherwise); capacity defaults to the tenant's group size.")
            .Validates<CreateVenueRequest>().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.VenuesWrite, editors);
        venues.MapPut("/{venueId:guid}", Update).WithName("UpdateVenue").WithSummary("Change a venue's details")
            .WithDescription("Send the version last read: a venue changed since is refused with 409. isActive=false retires it.")
            .Validates<UpdateVenueRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.VenuesWrite, editors);
    }

    /// <param name="includeInactive">Also list retired venues.</param>
    /// <param name="db">The tenant's data.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    private static async Task<Ok<List<VenueResponse>>> List(CaraDbContext db, CancellationToken cancellationToken, bool includeInactive = false)
    {
        var venues = await db.Venues.AsNoTracking()
            .Where(v => includeInactive || v.IsActive)
            .OrderBy(v => v.Name)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(venues.ConvertAll(VenueResponse.From));
    }

    private static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> Get(Guid venueId, CaraDbContext db, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken);
        return venue is null ? NotFound() : TypedResults.Ok(VenueResponse.From(venue));
    }

    private static async Task<Results<CreatedAtRoute<VenueResponse>, ProblemHttpResult>> Create(
        CreateVenueRequest request, CaraDbContext db, IOptionsSnapshot<WorkshopOptions> workshops, CancellationToken cancellationToken)
    {
        if (await db.Venues.AnyAsync(v => v.Code == request.Code, cancellationToken))
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A venue with this code already exists",
                extensions: new Dictionary<string, object?> { ["field"] = "code" });

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
        // The tenant route value is ambient, so the link names the same tenant.
        return TypedResults.CreatedAtRoute(VenueResponse.From(venue), "GetVenue", new { venueId = venue.Id });
    }

    private static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> Update(
        Guid venueId, UpdateVenueRequest request, CaraDbContext db, CancellationToken cancellationToken)
    {
        var venue = await db.Venues.SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken);
        if (venue is null) return NotFound();

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
        return TypedResults.Ok(VenueResponse.From(venue));
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Venue not found");
}
