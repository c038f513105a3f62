using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// Roles are kept in memory per host (<see cref="MembershipCache"/>); a change made anywhere, even by a statement no
/// host's code ran, reaches every other host through the memberships trigger's NOTIFY.
/// </summary>
public sealed class MembershipCacheTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task Another_host_forgets_a_membership_changed_in_the_database_and_reads_it_again()
    {
        var person = await TestPeople.MemberAsync(fixture, "norfolk", TenantRole.Facilitator);
        var contexts = fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        Guid tenantId;
        await using (var db = fixture.Database.SuperuserContext())
            tenantId = await db.Tenants.Where(t => t.Slug == "norfolk").Select(t => t.Id).SingleAsync();

        // Another host: its own cache, listening on the same database.
        var other = new MembershipCache();
        using var listener = new DatabaseNotifications(contexts, [other], NullLogger<DatabaseNotifications>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var reads = 0;
            Task<MemberFacts?> Read(CancellationToken _)
            {
                Interlocked.Increment(ref reads);
                return Task.FromResult<MemberFacts?>(new MemberFacts([TenantRole.Facilitator], []));
            }

            // Listening has begun once a first catch-up has emptied the cache: wait for it before relying on it.
            await Task.Delay(500);
            await other.GetOrReadAsync(tenantId, person.UserId, Read, CancellationToken.None);
            await other.GetOrReadAsync(tenantId, person.UserId, Read, CancellationToken.None);
            Assert.Equal(1, reads);

            await using (var db = fixture.Database.SuperuserContext())
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE memberships SET roles = ARRAY[{nameof(TenantRole.Coordinator)}] WHERE user_id = {person.UserId}");

            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (reads == 1 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                await other.GetOrReadAsync(tenantId, person.UserId, Read, CancellationToken.None);
            }

            Assert.True(reads == 2, "The other host did not hear of the change within 5 seconds.");
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }
}
