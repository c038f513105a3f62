using CaraPlatform.Domain.Venues;

namespace CaraPlatform.Web.Tests.TenantIsolation;

public sealed class TenantStampTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private PostgresFixture Db => fixture.Database;

    [Fact]
    public async Task New_rows_are_stamped_with_the_contexts_tenant()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        await using var db = Db.AppContext(hampshire);
        var venue = NewVenue();
        db.Venues.Add(venue);
        await db.SaveChangesAsync();
        Assert.Equal(hampshire.TenantId, venue.TenantId);
    }

    [Fact]
    public async Task Saving_a_row_with_another_tenants_id_throws()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        await using var db = Db.AppContext(westYorkshire);
        var venue = NewVenue();
        venue.TenantId = hampshire.TenantId;
        db.Venues.Add(venue);
        await Assert.ThrowsAsync<TenantMismatchException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Saving_without_a_tenant_throws()
    {
        await using var db = Db.AppContext(null);
        db.Venues.Add(NewVenue());
        await Assert.ThrowsAsync<TenantMismatchException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Moving_a_row_to_another_tenant_throws()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        await using var db = Db.AppContext(hampshire);
        var venue = await db.Venues.FirstAsync();
        venue.TenantId = westYorkshire.TenantId;
        // tenant_id leads the key, so EF Core refuses the change before the stamp check would.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task The_query_filter_hides_other_tenants_rows_even_from_a_direct_lookup()
    {
        var hampshire = await Db.TenantAsync("hampshire");
        var westYorkshire = await Db.TenantAsync("west-yorkshire");
        Guid hampshireVenueId;
        await using (var db = Db.AppContext(hampshire)) hampshireVenueId = (await db.Venues.FirstAsync()).Id;

        await using var other = Db.AppContext(westYorkshire);
        Assert.Null(await other.Venues.SingleOrDefaultAsync(v => v.Id == hampshireVenueId));
        Assert.All(await other.Venues.ToListAsync(), v => Assert.Equal(westYorkshire.TenantId, v.TenantId));
    }

    private static Venue NewVenue() => new()
    {
        Code = "stamp-" + Guid.NewGuid().ToString("N")[..8],
        Name = "Stamp Test Hall",
        AddressLine1 = "1 Test Street",
        Town = "Leeds",
        Postcode = "LS1 4AP",
        Capacity = 12,
    };
}
