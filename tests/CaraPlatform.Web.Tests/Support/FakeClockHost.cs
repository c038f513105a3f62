using CaraPlatform.Web.Platform.Mail;
using Microsoft.AspNetCore.DataProtection;

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
            // Mail leaves on the real clock: staged due now, it is sent by the shared host's dispatcher, which a moved
            // clock would otherwise leave waiting for a day that never comes (and this host's would send others' mail early).
            b.UseSetting("Mail:Dispatch:Enabled", "false");
            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(Clock);
                s.AddSingleton(sp => new Mailbox(sp.GetRequiredService<IDataProtectionProvider>(), TimeProvider.System));
            });
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
