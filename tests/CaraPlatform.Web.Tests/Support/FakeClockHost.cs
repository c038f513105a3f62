namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// The web host on the shared database with a clock the test moves, for rules about workshop days and deadlines.
/// Tokens are issued and checked on the same clock, so a caller is signed in again after each move.
/// </summary>
public sealed class FakeClockHost : IDisposable
{
    public FakeClockHost(CaraPlatformFixture fixture)
    {
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Web = fixture.Web.WithWebHostBuilder(b =>
        {
            // The deadline job would run at every jump of the clock across all tenants: other tests' referrals are not its business here.
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
        });
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Web { get; }

    public async Task<HttpClient> PersonAsync(string email) =>
        Bearer((await UserTokens.AuthorizationCodeAsync(Web, email, password: DemoSeed.Password)).AccessToken);

    /// <summary>The tenant's integration client (made by <see cref="CaraPlatformFixture.ApiClientAsync"/> first) with every scope.</summary>
    public async Task<HttpClient> ClientAsync(string tenant) =>
        Bearer(await Tokens.ClientCredentialsAsync(Web.CreateClient(), $"{tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes)));

    public void Dispose() => Web.Dispose();

    private HttpClient Bearer(string token)
    {
        var client = Web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
