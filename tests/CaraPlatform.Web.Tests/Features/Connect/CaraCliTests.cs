using CaraPlatform.Web.Features.Connect;

namespace CaraPlatform.Web.Tests.Features.Connect;

/// <summary>
/// cara-cli, the public client for licence-holder staff scripts: the authorization code flow with PKCE to a listener on
/// the loopback interface at whatever port the script was given, and the national API answering the person's roles.
/// </summary>
public sealed class CaraCliTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private const string Scope = "openid offline_access " + ApiScopes.PlatformAdmin;

    private static string Loopback(string host = "127.0.0.1") => $"http://{host}:{Random.Shared.Next(49152, 65535)}/callback";

    [Fact]
    public async Task A_licence_admin_gets_a_token_at_a_loopback_port_of_the_scripts_choosing_and_the_national_API_answers_it()
    {
        foreach (var redirect in new[] { Loopback(), Loopback("[::1]") })
        {
            var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, "licence-admin@hamptontrust.demo", Scope,
                clientId: CaraCliClient.ClientId, redirectUri: redirect);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Bearer(tokens.AccessToken).GetAsync("/api/v1/national/platform-staff")).StatusCode);

            // A script keeps working past the access token's 15 minutes with its refresh token, no secret needed.
            var refreshed = await UserTokens.RefreshAsync(fixture.Web.CreateClient(), tokens.RefreshToken!, CaraCliClient.ClientId);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Bearer(refreshed.AccessToken).GetAsync("/api/v1/national/platform-staff")).StatusCode);
        }
    }

    [Fact]
    public async Task A_person_with_no_platform_role_gets_a_token_that_the_national_API_refuses()
    {
        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, "admin@hampshire.demo", Scope,
            clientId: CaraCliClient.ClientId, redirectUri: Loopback());

        await (await fixture.Bearer(tokens.AccessToken).GetAsync("/api/v1/national/platform-staff")).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("http://localhost:50123/callback")] // a name, which may resolve off the machine (RFC 8252 §8.3)
    [InlineData("http://127.0.0.1:50123/elsewhere")]
    [InlineData("https://127.0.0.1:50123/callback")]
    [InlineData("http://127.0.0.2:50123/callback")]
    [InlineData("http://user@127.0.0.1:50123/callback")]
    public async Task Only_the_registered_loopback_redirect_is_accepted_whatever_the_port(string redirect)
    {
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");

        var authorize = await browser.GetAsync(AuthorizeUrl(redirect, Scope));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Null(authorize.Headers.Location);
    }

    [Fact]
    public async Task Cara_cli_may_not_ask_for_a_tenant_scope()
    {
        using var browser = await UserTokens.SignedInBrowserAsync(fixture.Web, "licence-admin@hamptontrust.demo");

        var authorize = await browser.GetAsync(AuthorizeUrl(Loopback(), $"openid {ApiScopes.VenuesRead}"));

        Assert.Equal(HttpStatusCode.BadRequest, authorize.StatusCode);
        Assert.Contains("not allowed to use the specified scope", await authorize.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrating_again_brings_cara_cli_back_to_its_definition()
    {
        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = (await applications.FindByClientIdAsync(CaraCliClient.ClientId))!;
            var descriptor = new OpenIddictApplicationDescriptor();
            await applications.PopulateAsync(descriptor, application);
            descriptor.RedirectUris.Clear();
            descriptor.RedirectUris.Add(new Uri("http://127.0.0.1/tampered"));
            await applications.UpdateAsync(application, descriptor);
        }

        for (var run = 0; run < 2; run++) await HostCommands.ApplyMigrationStepsAsync(fixture.Web.Services);

        await using (var scope = fixture.Web.Services.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = (await applications.FindByClientIdAsync(CaraCliClient.ClientId))!;
            Assert.Equal(CaraCliClient.RedirectUris.Select(u => u.AbsoluteUri).Order(), (await applications.GetRedirectUrisAsync(application)).Order());
            Assert.Equal(OpenIddictConstants.ClientTypes.Public, await applications.GetClientTypeAsync(application));
        }

        var tokens = await UserTokens.AuthorizationCodeAsync(fixture.Web, "licence-admin@hamptontrust.demo", Scope,
            clientId: CaraCliClient.ClientId, redirectUri: Loopback());
        Assert.NotEmpty(tokens.AccessToken);
    }

    [Fact]
    public async Task The_migration_job_registers_cara_cli_in_production()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();

        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings__Cara"] = database.ApplicationConnectionString,
            ["Cara__TenantsPath"] = RepoPaths.Tenants,
        });

        Assert.True(exitCode == 0, output);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT client_type FROM oidc_applications WHERE client_id = 'cara-cli'", connection);
        Assert.Equal(OpenIddictConstants.ClientTypes.Public, await command.ExecuteScalarAsync());
    }

    private static string AuthorizeUrl(string redirect, string scope)
    {
        var challenge = Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(new string('v', 64)))).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return $"/connect/authorize?client_id={CaraCliClient.ClientId}&response_type=code&redirect_uri={Uri.EscapeDataString(redirect)}" +
            $"&scope={Uri.EscapeDataString(scope)}&code_challenge={challenge}&code_challenge_method=S256&state=s";
    }
}
