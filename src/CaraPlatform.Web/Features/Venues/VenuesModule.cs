using Microsoft.AspNetCore.Http.HttpResults;

namespace CaraPlatform.Web.Features.Venues;

/// <summary>The venues module: a tenant's venues, where workshops are held, through the API.</summary>
public static class VenuesModule
{
    private static readonly TenantRole[] Readers = [TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.Facilitator];

    private static readonly TenantRole[] Editors = [TenantRole.ProviderAdmin, TenantRole.Coordinator];

    public static void AddVenues(this WebApplicationBuilder builder) => builder.Services.AddScoped<VenueHandler>();

    public static void MapVenues(this RouteGroupBuilder tenantApi)
    {
        var venues = tenantApi.MapGroup("/venues").WithTags("Venues");
        venues.MapGet("/", List).WithName("ListVenues").WithSummary("List the tenant's venues")
            .WithDescription("Active venues by name; includeInactive=true adds retired ones.")
            .RequireTenantApiAccess(ApiScopes.VenuesRead, Readers);
        venues.MapGet("/{venueId:guid}", Get).WithName("GetVenue").WithSummary("Get a venue")
            .WithDescription("404 when the tenant has no such venue.")
            .RequireTenantApiAccess(ApiScopes.VenuesRead, Readers)
            .ProducesProblem(StatusCodes.Status404NotFound);
        venues.MapPost("/", Create).WithName("CreateVenue").WithSummary("Record a new venue")
            .WithDescription("The code must be new in the tenant (409 otherwise); capacity defaults to the tenant's group size.")
            .Validates<CreateVenueRequest>().ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.VenuesWrite, Editors);
        venues.MapPut("/{venueId:guid}", Update).WithName("UpdateVenue").WithSummary("Change a venue's details")
            .WithDescription("Send the version last read: a venue changed since is refused with 409. isActive=false retires it.")
            .Validates<UpdateVenueRequest>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .RequireTenantApiAccess(ApiScopes.VenuesWrite, Editors);
    }

    /// <param name="venues">The tenant's venues.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    /// <param name="includeInactive">Also list retired venues.</param>
    private static async Task<Ok<List<VenueResponse>>> List(VenueHandler venues, CancellationToken cancellationToken, bool includeInactive = false) =>
        TypedResults.Ok(await venues.ListAsync(includeInactive, cancellationToken));

    private static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> Get(Guid venueId, VenueHandler venues, CancellationToken cancellationToken) =>
        await venues.GetAsync(venueId, cancellationToken) is { } venue ? TypedResults.Ok(venue) : NotFound();

    private static async Task<CreatedAtRoute<VenueResponse>> Create(CreateVenueRequest request, VenueHandler venues, CancellationToken cancellationToken)
    {
        var venue = await venues.CreateAsync(request, cancellationToken);
        // The tenant route value is ambient, so the link names the same tenant.
        return TypedResults.CreatedAtRoute(venue, "GetVenue", new { venueId = venue.Id });
    }

    private static async Task<Results<Ok<VenueResponse>, ProblemHttpResult>> Update(
        Guid venueId, UpdateVenueRequest request, VenueHandler venues, CancellationToken cancellationToken) =>
        await venues.UpdateAsync(venueId, request, cancellationToken) is { } venue ? TypedResults.Ok(venue) : NotFound();

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Venue not found");
}
