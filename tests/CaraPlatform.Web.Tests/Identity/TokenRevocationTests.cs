using CaraPlatform.Infrastructure.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CaraPlatform.Web.Tests.Identity;

/// <summary>
/// Access tokens are checked by signature, with no database read: a revocation reaches them through
/// <see cref="TokenRevocations"/>, at once on the host that revoked and through NOTIFY on every other.
/// </summary>
public sealed class TokenRevocationTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task A_revocation_on_one_host_reaches_another_through_notify_and_spares_tokens_issued_after_it()
    {
        var subject = "person-" + Guid.NewGuid().ToString("N");
        var clock = fixture.Web.Services.GetRequiredService<TimeProvider>();
        var contexts = fixture.Web.Services.GetRequiredService<IDbContextFactory<CaraDbContext>>();
        // Another host: its own list, listening on the same database.
        var other = new TokenRevocations(contexts, clock, NullLogger<TokenRevocations>.Instance);
        using var listener = new DatabaseNotifications(contexts, [other], NullLogger<DatabaseNotifications>.Instance);
        await listener.StartAsync(CancellationToken.None);
        try
        {
            var issued = clock.GetUtcNow();
            await Task.Delay(5);
            await WaitUntilListeningAsync(other);

            await fixture.Web.Services.GetRequiredService<TokenRevocations>().RevokeAsync(subject);

            Assert.True(fixture.Web.Services.GetRequiredService<TokenRevocations>().IsRevoked(subject, issued));
            var deadline = DateTime.UtcNow.AddSeconds(5);
            while (!other.IsRevoked(subject, issued) && DateTime.UtcNow < deadline) await Task.Delay(20);
            Assert.True(other.IsRevoked(subject, issued), "The other host did not hear of the revocation within 5 seconds.");
            Assert.False(other.IsRevoked(subject, clock.GetUtcNow().AddMilliseconds(1)));
            Assert.False(other.IsRevoked("someone-else", issued));
        }
        finally
        {
            await listener.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_access_token_is_checked_without_reading_its_entry()
    {
        var api = await fixture.ApiClientAsync("hampshire");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);
        var token = api.DefaultRequestHeaders.Authorization!.Parameter!;

        // Every token entry gone changes nothing for an access token: no database read checks it.
        await using (var db = fixture.Database.SuperuserContext())
            await db.Database.ExecuteSqlRawAsync("DELETE FROM oidc_tokens WHERE type = 'access_token'");
        using var same = fixture.Bearer(token);
        Assert.Equal(HttpStatusCode.OK, (await same.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);
    }

    [Fact]
    public async Task A_revocation_refuses_the_tokens_issued_until_then_and_not_one_issued_a_moment_later()
    {
        var admin = await fixture.PersonApiAsync("admin@hampshire.demo");
        var issued = await (await admin.PostJson("/api/v1/tenants/hampshire/clients", new CreateClientRequest("Revocation check", ["venues.read"])))
            .ReadAs<IssuedClientResponse>(HttpStatusCode.Created);
        async Task<HttpClient> TokenAsync() =>
            fixture.Bearer(await Tokens.ClientCredentialsAsync(fixture.Web.CreateClient(), issued.Client.ClientId, issued.ClientSecret, "venues.read"));
        using var before = await TokenAsync();
        Assert.Equal(HttpStatusCode.OK, (await before.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);

        await fixture.Web.Services.GetRequiredService<TokenRevocations>().RevokeAsync(issued.Client.ClientId);
        await Task.Delay(2);
        // Most likely within the same second as the revocation: only the millisecond stamp tells the two tokens apart.
        using var after = await TokenAsync();

        await (await before.GetAsync("/api/v1/tenants/hampshire/venues")).ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync("/api/v1/tenants/hampshire/venues")).StatusCode);
    }

    /// <summary>LISTEN is issued when the service starts; a revocation before that would be read by its first load anyway.</summary>
    private static async Task WaitUntilListeningAsync(TokenRevocations revocations)
    {
        await Task.Delay(300);
        await revocations.LoadAsync();
    }
}
