namespace CaraPlatform.Web.Tests.Support;

/// <summary>The web host over HTTP, on the shared test database.</summary>
public sealed class CaraWebFactory(PostgresFixture database, IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    /// <summary>Where the Development mail transport writes every email in the tests (every host derived from this one too).</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "cara-test-mail-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>Where the filesystem store keeps the materials' files in the tests (outside the source tree).</summary>
    public string MaterialsDirectory { get; } = Path.Combine(Path.GetTempPath(), "cara-test-materials-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>
    /// The key-encryption certificate that Development makes on first run, kept outside the checkout in the tests.
    /// One per test run: every host of the run shares the database's keys, so they share this certificate too.
    /// </summary>
    public static string DataProtectionCertificatePath { get; } =
        Path.Combine(Path.GetTempPath(), "cara-test-keys-" + Guid.NewGuid().ToString("N")[..8], "key-encryption.pfx");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Cara", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:CaraOwner", database.OwnerConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
        builder.UseSetting("Database:SeedDemoData", "true");
        // Demo accounts, but not the demo tenants' six months of history: tests count what they make there themselves.
        builder.UseSetting("DemoData:History", "false");
        builder.UseSetting("Cara:MailDirectory", MailDirectory);
        builder.UseSetting("Materials:FileSystem:Root", MaterialsDirectory);
        // Mail is sent after the request that staged it: soon enough for a test waiting on the file (TestPeople.MailTo).
        builder.UseSetting("Mail:Dispatch:PollInterval", "00:00:00.200");
        builder.UseSetting("DataProtection:DevelopmentCertificatePath", DataProtectionCertificatePath);
        // Notice tests drive dispatcher rounds themselves (on a fake clock, against their own receivers); a
        // background dispatcher in the shared host would race them for the same notices and make them flaky.
        builder.UseSetting("Notices:Dispatch:Enabled", "false");
        // The lapse check would mail every tenant's runs at risk at start-up; its tests drive it on a clock of their own.
        builder.UseSetting("Competence:LapseCheck:Enabled", "false");
        // The licence warning tests drive the job's rounds on a fake clock, for their own tenant.
        builder.UseSetting("Licences:Warnings:Enabled", "false");
        // The training reminder tests likewise drive the job's rounds on a fake clock, for their own people.
        builder.UseSetting("Training:Reminders:Enabled", "false");
        // Likewise tests relay tenant events themselves (TenantData.RelayEventsAsync), so each knows when it happened.
        builder.UseSetting("TenantEvents:Relay:Enabled", "false");
        // The retention job would erase other tests' closed cases on a moved clock; its tests drive it for their own tenants.
        builder.UseSetting("DataProtection:Retention:Enabled", "false");
        // The force report job would report every tenant's month whenever a moved clock passes a 1st; its tests drive it.
        builder.UseSetting("ForceReports:Schedule:Enabled", "false");
        // The materials tests publish releases, which tell the tenants at once; the catch-up round is theirs to drive.
        builder.UseSetting("Materials:Distribution:Enabled", "false");
        // The national export tests drive the "Export everything" worker's rounds, to see a job queued before it is done.
        builder.UseSetting("National:Exports:Enabled", "false");
        // Hosts derived from this one in Production would each claim the Prometheus port; the metrics tests give one their own.
        builder.UseSetting("Observability:MetricsPort", "0");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        // Every command of the app's contexts is checked for its tenant (TenantSqlRecorder); singleton, as the factory's options are.
        builder.ConfigureTestServices(services => services.ConfigureDbContext<CaraDbContext>(
            (_, options) => options.AddInterceptors(TenantSqlRecorder.Instance), ServiceLifetime.Singleton));
    }
}

/// <summary>Everything the integration tests share: one database and one web host.</summary>
public sealed class CaraPlatformFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();

    public CaraWebFactory Web { get; private set; } = null!;

    private readonly Dictionary<string, string> _tokens = [];

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Web = new CaraWebFactory(Database);
        Web.CreateClient().Dispose(); // starts the host, which seeds the demo accounts
        // The rest of what migrate does, PostgresFixture having applied the schema and the tenant files.
        await HostCommands.ApplyMigrationStepsAsync(Web.Services);
    }

    /// <summary>An HTTP client holding a client-credentials token of the tenant's demo integration client.</summary>
    public async Task<HttpClient> ApiClientAsync(string tenant, string? scope = null)
    {
        var key = $"{tenant}|{scope}";
        if (!_tokens.ContainsKey(key)) await EnsureIntegrationClientAsync(tenant);
        if (!_tokens.TryGetValue(key, out var token))
            _tokens[key] = token = await Tokens.ClientCredentialsAsync(Web.CreateClient(), $"{tenant}-integration", "cara-demo-secret", scope ?? string.Join(" ", ApiScopes.ClientScopes));
        var client = Web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An HTTP client sending <paramref name="token"/> as its bearer token.</summary>
    public HttpClient Bearer(string token)
    {
        var client = Web.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>
    /// An HTTP client holding a person's access token, got through the authorization code flow, granted
    /// <paramref name="scope"/> (every scope unless given).
    /// </summary>
    public async Task<HttpClient> PersonApiAsync(string email, string password = "CaraDemo!2026", string? scope = null) =>
        Bearer((await UserTokens.AuthorizationCodeAsync(Web, email, scope, password)).AccessToken);

    /// <summary>Demo clients exist for two tenants; others get one with the same id pattern and secret, made as a ProviderAdmin would.</summary>
    private async Task EnsureIntegrationClientAsync(string tenant)
    {
        var info = await Database.TenantAsync(tenant);
        using (Web.Services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(info))
        {
            await using var scope = Web.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CaraDbContext>();
            var clientId = $"{tenant}-integration";
            if (!await db.IntegrationClients.AnyAsync(c => c.ClientId == clientId))
                await scope.ServiceProvider.GetRequiredService<IntegrationClients>().CreateAsync($"{tenant} tests", ApiScopes.ClientScopes, null, clientId, "cara-demo-secret");
        }
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await Database.DisposeAsync();
        // Every app command of the collection has been checked by now, whichever tests ran and in whatever order.
        if (TenantSqlRecorder.Instance.Violations is { Count: > 0 } violations)
            throw new InvalidOperationException(TenantSqlRecorder.Report("in the Integration collection", violations));
    }
}

/// <summary>
/// Every integration test class derives from this: it puts the class in the collection that shares one host and
/// database (<see cref="CaraPlatformFixture"/>), so the class only asks for the fixture in its constructor.
/// </summary>
[Collection(IntegrationTests.Name)]
public abstract class IntegrationTest;

[CollectionDefinition(Name)]
public sealed class IntegrationTests : ICollectionFixture<CaraPlatformFixture>
{
    public const string Name = "Integration";
}
