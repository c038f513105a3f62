namespace CaraPlatform.Web.Tests.Features.Referrals;

/// <summary>
/// Referral API tests in hampshire, as its demo SPOC (who refers and decides for the police) and its demo
/// coordinator (who screens), signed in once per test class.
/// </summary>
public abstract class HampshireReferralApiTests(CaraPlatformFixture fixture) : IntegrationTest, IAsyncLifetime
{
    protected const string Tenant = "hampshire";

    protected CaraPlatformFixture Fixture => fixture;

    protected HttpClient Spoc { get; private set; } = null!;

    protected HttpClient Coordinator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Spoc = await fixture.PersonApiAsync("spoc@hampshire.demo");
        Coordinator = await fixture.PersonApiAsync("coordinator@hampshire.demo");
    }

    public Task DisposeAsync() => Task.CompletedTask;
}
