namespace CaraPlatform.Web.Tests.Support;

/// <summary>Venue API calls that several tests make.</summary>
public static class VenueApi
{
    public static CreateVenueRequest NewVenue(string? code = null) => new(
        code ?? "test-" + Guid.NewGuid().ToString("N")[..10], "Test Community Hall", "1 Test Street", null, "Southampton", "so14 5gl",
        10, true, null);

    public static async Task<VenueResponse> CreateAsync(HttpClient client, string tenant, CreateVenueRequest? request = null)
    {
        var response = await client.PostJson($"/api/v1/tenants/{tenant}/venues", request ?? NewVenue());
        return await response.ReadAs<VenueResponse>(HttpStatusCode.Created);
    }

    public static UpdateVenueRequest UpdateOf(VenueResponse v) => new(
        v.Name, v.AddressLine1, v.AddressLine2, v.Town, v.Postcode, v.Capacity, v.StepFreeAccess, v.Notes, v.IsActive, v.Version);
}
