using System.Diagnostics;
using System.Net.Sockets;
using CaraPlatform.Domain.Licences;
using CaraPlatform.Domain.Retention;
using CaraPlatform.Infrastructure;
using CaraPlatform.Infrastructure.Database;
using Testcontainers.PostgreSql;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// One real PostgreSQL for the integration tests, found in this order: CARA_TEST_CONNECTION (a superuser
/// connection string), a throwaway cluster from the machine's PostgreSQL binaries, a Testcontainers container
/// when a Docker engine answers. The database is provisioned as in production (owner and application roles),
/// migrated and loaded with the tenant files; tests connect as the application role, so RLS is in force.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private readonly List<Func<Task>> _teardown = [];
    private bool _ownCluster;
    private (string Directory, int Port)? _cluster;

    /// <summary>
    /// A fixture on a cluster of its own even where CARA_TEST_CONNECTION names a shared one: for a test that stops and
    /// starts the server (<see cref="StopServerAsync"/>), which would break every other test on a shared cluster.
    /// </summary>
    public static PostgresFixture OnClusterOfItsOwn() => new() { _ownCluster = true };

    public string OwnerConnectionString { get; private set; } = "";

    /// <summary>The superuser connection that provisioned the database, for tests that need a second one.</summary>
    public string AdminConnectionString { get; private set; } = "";

    public string AppConnectionString { get; private set; } = "";

    /// <summary>
    /// The superuser on the test database itself: it bypasses row-level security, so a test can look at every
    /// tenant's rows at once (to prove something is absent everywhere).
    /// </summary>
    public string SuperuserConnectionString =>
        new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = new Npgsql.NpgsqlConnectionStringBuilder(OwnerConnectionString).Database }.ConnectionString;

    /// <summary>Platform services (tenant store, scopes, owner database) wired to the test database.</summary>
    public ServiceProvider Services { get; private set; } = null!;

    public IReadOnlyList<TenantDefinition> Definitions { get; private set; } = [];

    /// <summary>
    /// A tenant of the tests alone (a copy of cambridgeshire's file under another slug), for a test that must see a
    /// tenant's empty state: every tenant of tenants/ is written to by several test classes, in no fixed order.
    /// </summary>
    public const string QuietTenant = "quiet-cambridgeshire";

    /// <summary>Tenants of the licence tests alone (copies of cambridgeshire's file): one whose licence they end, one they
    /// amend, suspend and warn of its end, and one left without a licence.</summary>
    public static readonly IReadOnlyList<string> LicenceTenants = ["licence-ended-cambridgeshire", "licence-warned-cambridgeshire", UnlicensedTenant];

    public const string UnlicensedTenant = "unlicensed-cambridgeshire";

    /// <summary>A tenant of the materials tests alone: they leave a release unacknowledged there for 31 days.</summary>
    public const string MaterialsTenant = "materials-cambridgeshire";

    /// <summary>Tenants of the retention tests alone (copies of cambridgeshire's file), one anonymising and one deleting closed
    /// cases: the job they drive on a moved clock erases every closed case of its tenant.</summary>
    public static readonly IReadOnlyList<string> RetentionTenants = ["retention-anonymise-cambridgeshire", "retention-delete-cambridgeshire"];

    /// <summary>
    /// A tenant of the police-view tests alone serving two forces (cambridgeshire's file with <see cref="SecondForce"/>
    /// added), for a SPOC of one force who must see nothing of the other's.
    /// </summary>
    public const string TwoForceTenant = "two-force-cambridgeshire";

    /// <summary>The second force of <see cref="TwoForceTenant"/>.</summary>
    public const string SecondForce = "bedfordshire";

    /// <summary>A tenant of the two-instance test alone (a copy of cambridgeshire's file): both hosts dispatch its notices.</summary>
    public const string TwoHostsTenant = "two-hosts-cambridgeshire";

    /// <summary>Tenants of the national figures test alone (copies of cambridgeshire's file): their figures are its hand counts.</summary>
    public static readonly IReadOnlyList<string> NationalTenants = ["national-a-cambridgeshire", "national-b-cambridgeshire"];

    /// <summary>A tenant of the quality-assurance tests alone (a copy of cambridgeshire's file): its coverage is theirs to count.</summary>
    public const string QaTenant = "qa-cambridgeshire";

    public async Task InitializeAsync()
    {
        var admin = !_ownCluster && Environment.GetEnvironmentVariable("CARA_TEST_CONNECTION") is { Length: > 0 } given ? given
            : await TryStartLocalCluster() ?? (_ownCluster ? null : await TryStartContainer())
            ?? throw new InvalidOperationException(
                "No PostgreSQL for the integration tests. Either set CARA_TEST_CONNECTION to a superuser connection string, " +
                "install the server binaries (apt-get install postgresql; ./build.sh test does this for you), or start a Docker engine.");

        AdminConnectionString = admin;
        var database = "cara_test_" + Guid.NewGuid().ToString("N")[..8];
        var provisioned = await DatabaseProvisioner.ProvisionAsync(admin, database, DatabaseProvisioner.NewPassword(), DatabaseProvisioner.NewPassword());
        OwnerConnectionString = provisioned.OwnerConnectionString;
        AppConnectionString = provisioned.ApplicationConnectionString;
        if (!_ownCluster && Environment.GetEnvironmentVariable("CARA_TEST_CONNECTION") is { Length: > 0 })
            _teardown.Add(() => DropDatabase(admin, database));

        Services = ServicesFor(AppConnectionString);
        await Services.GetRequiredService<OwnerDatabase>().MigrateAsync();
        var files = await TenantDefinitionLoader.LoadAsync(RepoPaths.Tenants);
        var model = files.Single(d => d.Slug == "cambridgeshire");
        Definitions =
        [
            .. files,
            model with { Slug = QuietTenant, Name = "Quiet Cambridgeshire (tests)", Venues = [.. model.Venues.Select(v => v with { Code = "quiet-" + v.Code })] },
            model with { Slug = TwoHostsTenant, Name = "Two hosts (tests)", Venues = [.. model.Venues.Select(v => v with { Code = "two-hosts-" + v.Code })] },
            model with { Slug = QaTenant, Name = "QA Cambridgeshire (tests)", Venues = [.. model.Venues.Select(v => v with { Code = "qa-" + v.Code })] },
            .. NationalTenants.Select(slug => model with { Slug = slug, Name = $"{slug} (tests)", Venues = [.. model.Venues.Select(v => v with { Code = $"{slug}-{v.Code}" })] }),
            model with { Slug = MaterialsTenant, Name = "Materials (tests)", Venues = [.. model.Venues.Select(v => v with { Code = "materials-" + v.Code })] },
            .. LicenceTenants.Select(slug => model with { Slug = slug, Name = $"{slug} (tests)", Venues = [.. model.Venues.Select(v => v with { Code = $"{slug}-{v.Code}" })] }),
            .. RetentionTenants.Select(slug => model with
            {
                Slug = slug, Name = $"{slug} (tests)", Venues = [.. model.Venues.Select(v => v with { Code = $"{slug}-{v.Code}" })],
                Retention = new RetentionSchedule(24, 72, slug.Contains("delete", StringComparison.Ordinal) ? RetentionAction.Delete : RetentionAction.Anonymise),
            }),
            model with
            {
                Slug = TwoForceTenant, Name = "Two forces (tests)", Venues = [.. model.Venues.Select(v => v with { Code = "two-force-" + v.Code })],
                Forces = [.. model.Forces, new ForceDefinition(SecondForce, "Bedfordshire Police")],
            },
        ];
        await Services.GetRequiredService<TenantDefinitionApplier>().ApplyAsync(Definitions);
        await LicenseEveryTenantAsync();
    }

    /// <summary>
    /// Every tenant may schedule (but <see cref="UnlicensedTenant"/>): a licence from 2000 to 2099 each, so that tests
    /// moving the clock stay inside it. The licence tests change only their own tenants' (<see cref="LicenceTenants"/>).
    /// </summary>
    private async Task LicenseEveryTenantAsync()
    {
        await using var db = Services.GetRequiredService<OwnerDatabase>().CreateContext();
        var tenants = await db.Tenants.AsNoTracking().Where(t => t.Slug != UnlicensedTenant).ToListAsync();
        var fixture = new LicenceActor(null, "the test fixture");
        foreach (var tenant in tenants)
        {
            db.Licences.Add(Licence.Grant(tenant.Id, LicenceTerms.Covering(tenant.Definition, new DateOnly(2000, 1, 1), new DateOnly(2099, 12, 31)),
                fixture, DateTimeOffset.UtcNow));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Another empty database in the same cluster. The roles are cluster-wide, so it is provisioned with the
    /// same passwords, which leaves the shared database's connections working.
    /// </summary>
    public async Task<ProvisionedDatabase> ProvisionAnotherDatabaseAsync()
    {
        var database = "cara_test_" + Guid.NewGuid().ToString("N")[..8];
        var provisioned = await DatabaseProvisioner.ProvisionAsync(AdminConnectionString, database,
            new NpgsqlConnectionStringBuilder(OwnerConnectionString).Password!, new NpgsqlConnectionStringBuilder(AppConnectionString).Password!);
        if (Environment.GetEnvironmentVariable("CARA_TEST_CONNECTION") is { Length: > 0 })
            _teardown.Add(() => DropDatabase(AdminConnectionString, database));
        return provisioned;
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        foreach (var step in Enumerable.Reverse(_teardown)) await step();
    }

    /// <summary>Platform services whose application connection is <paramref name="appConnectionString"/>.</summary>
    public ServiceProvider ServicesFor(string appConnectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DependencyInjection.ApplicationConnection}"] = appConnectionString,
            [$"ConnectionStrings:{DependencyInjection.OwnerConnection}"] = OwnerConnectionString,
        }).Build();
        return new ServiceCollection().AddLogging().AddCaraInfrastructure(configuration).BuildServiceProvider();
    }

    public async Task<CaraTenantInfo> TenantAsync(string slug) =>
        await Services.GetRequiredService<IMultiTenantStore<CaraTenantInfo>>().TryGetByIdentifierAsync(slug)
        ?? throw new InvalidOperationException($"Tenant {slug} is not loaded.");

    /// <summary>
    /// A context of the database superuser, which row-level security does not hold: for tests that read the audit
    /// trail across tenants, and its rows with no tenant, which no application or owner session can see.
    /// </summary>
    public CaraDbContext SuperuserContext() =>
        new OwnerDatabase(SuperuserConnectionString, Services.GetRequiredService<IMultiTenantContextAccessor<CaraTenantInfo>>(), TimeProvider.System).CreateContext();

    /// <summary>A context of the application role for <paramref name="tenant"/> (or none).</summary>
    public CaraDbContext AppContext(CaraTenantInfo? tenant, IServiceProvider? services = null)
    {
        services ??= Services;
        using (services.GetRequiredService<IMultiTenantContextSetter<CaraTenantInfo>>().BeginScope(tenant))
        {
            return services.GetRequiredService<IDbContextFactory<CaraDbContext>>().CreateDbContext();
        }
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended, as in a restart for patching). Own clusters only.</summary>
    public async Task StopServerAsync()
    {
        var (directory, _) = _cluster ?? throw new InvalidOperationException("Only a cluster of the fixture's own can be stopped.");
        var (exit, _, error) = await Run("bash", PostgresScript, "stop", directory);
        if (exit != 0) throw new InvalidOperationException($"PostgreSQL did not stop: {error}");
    }

    /// <summary>Starts the stopped server again, on the same port and data.</summary>
    public async Task StartServerAsync()
    {
        var (directory, port) = _cluster ?? throw new InvalidOperationException("Only a cluster of the fixture's own can be started.");
        var (exit, _, error) = await Run("bash", PostgresScript, "start", directory, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0) throw new InvalidOperationException($"PostgreSQL did not start: {error}");
    }

    private static string PostgresScript => Path.Combine(RepoPaths.Root, "build", "postgres.sh");

    private async Task<string?> TryStartLocalCluster()
    {
        var script = PostgresScript;
        var dir = Path.Combine(Path.GetTempPath(), "cara-test-pg-" + Guid.NewGuid().ToString("N")[..8]);
        // The server may run as another user (postgres, when the tests run as root): it must be able to enter.
        Directory.CreateDirectory(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var port = FreePort();
        var (exit, output, error) = await Run("bash", script, "start", dir, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (exit != 0)
        {
            Console.Error.WriteLine($"Local PostgreSQL cluster did not start: {error}");
            Directory.Delete(dir, recursive: true);
            return null;
        }

        _cluster = (dir, port);
        _teardown.Add(async () =>
        {
            await Run("bash", script, "stop", dir);
            Directory.Delete(dir, recursive: true);
        });
        return output.Trim();
    }

    private async Task<string?> TryStartContainer()
    {
        var dockerAnswers = File.Exists("/var/run/docker.sock") || Environment.GetEnvironmentVariable("DOCKER_HOST") is { Length: > 0 };
        if (!dockerAnswers) return null;
        var container = new PostgreSqlBuilder("postgres:16-alpine").Build();
        await container.StartAsync();
        _teardown.Add(() => container.DisposeAsync().AsTask());
        return container.GetConnectionString();
    }

    private static async Task DropDatabase(string admin, string database)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<(int Exit, string Output, string Error)> Run(string file, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
