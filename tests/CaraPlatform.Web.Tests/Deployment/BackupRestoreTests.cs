using CaraPlatform.Infrastructure.Database;

namespace CaraPlatform.Web.Tests.Deployment;

/// <summary>
/// docs/operations.md's backup and restore, followed step by step: the database dumped with pg_dump (custom format),
/// a new cluster given the two roles first (a dump of one database holds no roles), the dump restored into it, and a
/// host on the restored database with the same key-encryption certificate serves the same referral with its victim's
/// details readable: they are stored encrypted under data-protection keys that the dump carries encrypted in turn.
/// </summary>
public sealed class BackupRestoreTests(CaraPlatformFixture fixture) : IntegrationTest, IAsyncLifetime
{
    private const string Tenant = "hampshire";
    private const string VictimContactWorker = "victim-contact@hampshire.demo";

    private readonly string _folder = Directory.CreateTempSubdirectory("cara-restore-").FullName;

    private string Cluster => Path.Combine(_folder, "pg");

    public Task InitializeAsync()
    {
        // The new cluster's server runs as postgres when the tests run as root: it must be able to enter.
        File.SetUnixFileMode(_folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await RunAsync("bash", Path.Combine(RepoPaths.Root, "build", "postgres.sh"), "stop", Cluster);
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_dump_restored_into_a_new_cluster_serves_the_same_referral_with_its_victims_details_under_the_same_key_encryption_certificate()
    {
        var referral = await ReferralApi.CreateAsync(await fixture.ApiClientAsync(Tenant), Tenant);
        var victim = $"{ReferralApi.Url(Tenant)}/{referral.Id}/victim?reason=Restore%20check";
        var before = await (await fixture.PersonApiAsync(VictimContactWorker)).GetAsync(victim);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        // Backup.
        var dump = Path.Combine(_folder, "cara.dump");
        var source = new NpgsqlConnectionStringBuilder(fixture.Database.SuperuserConnectionString);
        await SucceedAsync(PostgresProgram("pg_dump"), "--format=custom", "--file", dump, "--dbname", ConnectionInfo(source));

        // A new cluster; the roles first, with the passwords of the deployment's database Secret; then the restore.
        var admin = (await SucceedAsync("bash", Path.Combine(RepoPaths.Root, "build", "postgres.sh"), "start", Cluster, FreePort())).Trim();
        var restored = await DatabaseProvisioner.ProvisionAsync(admin, "cara",
            new NpgsqlConnectionStringBuilder(fixture.Database.OwnerConnectionString).Password!,
            new NpgsqlConnectionStringBuilder(fixture.Database.AppConnectionString).Password!);
        var target = new NpgsqlConnectionStringBuilder(admin) { Database = "cara" };
        await SucceedAsync(PostgresProgram("pg_restore"), "--exit-on-error", "--single-transaction", "--dbname", ConnectionInfo(target), dump);

        // A host on the restored database alone, with the tests' key-encryption certificate (the fixture's setting).
        await using var host = fixture.Web.WithWebHostBuilder(b =>
        {
            b.UseSetting("ConnectionStrings:Cara", restored.ApplicationConnectionString);
            b.UseSetting("ConnectionStrings:CaraOwner", restored.OwnerConnectionString);
        });
        var api = host.CreateClient();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await Tokens.ClientCredentialsAsync(host.CreateClient(), $"{Tenant}-integration", "cara-demo-secret", string.Join(" ", ApiScopes.ClientScopes)));
        var served = await (await api.GetAsync($"{ReferralApi.Url(Tenant)}/{referral.Id}")).ReadAs<ReferralResponse>();
        Assert.Equal(referral.PoliceReference, served.PoliceReference);

        var worker = host.CreateClient();
        worker.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            (await UserTokens.AuthorizationCodeAsync(host, VictimContactWorker)).AccessToken);
        var after = await worker.GetAsync(victim);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        var details = await after.Content.ReadAsStringAsync();
        // The same victim; not the same row version, which is PostgreSQL's xmin and so new in the restored cluster.
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await before.Content.ReadAsStringAsync())!["victim"], JsonNode.Parse(details)!["victim"]), details);
        foreach (var value in ReferralApi.VictimValues) Assert.Contains(value, details, StringComparison.Ordinal);

        // Readable through the keys alone: the restored rows hold ciphertext.
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var search = new NpgsqlCommand("SELECT count(*) FROM victim_records v WHERE v::text ILIKE @name", connection);
        search.Parameters.AddWithValue("name", $"%{ReferralApi.VictimValues[1]}%");
        Assert.Equal(0L, (long)(await search.ExecuteScalarAsync())!);
    }

    /// <summary>A libpq connection string (pg_dump's and pg_restore's --dbname) for an Npgsql one.</summary>
    private static string ConnectionInfo(NpgsqlConnectionStringBuilder npgsql) =>
        $"host={npgsql.Host} port={npgsql.Port} dbname={npgsql.Database} user={npgsql.Username} password={npgsql.Password}";

    /// <summary>The newest server's own client program, as build/postgres.sh finds the server: a dump is read by its version or a newer one.</summary>
    private static string PostgresProgram(string name) =>
        (Directory.Exists("/usr/lib/postgresql") ? Directory.GetDirectories("/usr/lib/postgresql") : [])
            .Select(version => (Major: int.TryParse(Path.GetFileName(version), out var major) ? major : 0, Program: Path.Combine(version, "bin", name)))
            .Where(p => File.Exists(p.Program)).OrderByDescending(p => p.Major).Select(p => p.Program).FirstOrDefault() ?? name;

    private static string FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> SucceedAsync(string file, params string[] arguments)
    {
        var result = await RunAsync(file, arguments);
        Assert.True(result.ExitCode == 0, $"{Path.GetFileName(file)} {arguments.FirstOrDefault()} failed:\n{result.StandardOutput}\n{result.StandardError}");
        return result.StandardOutput;
    }

    private Task<HelmChartTests.ProcessResult> RunAsync(string file, params string[] arguments) =>
        HelmChartTests.RenderedChart.RunAsync(file, arguments, _folder);
}
