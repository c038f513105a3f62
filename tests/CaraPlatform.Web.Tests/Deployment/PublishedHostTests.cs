using System.Diagnostics;
using System.Net.Sockets;
using CaraPlatform.Infrastructure.Database;

namespace CaraPlatform.Web.Tests.Deployment;

/// <summary>
/// What the Dockerfile builds, short of the image itself (no Docker engine or base image here): the host's
/// <c>dotnet publish</c> output and the EF Core migrations bundle, laid out as the image's /app, and run as the chart
/// runs them: the bundle and <c>migrate</c> (the migration job), then the host (the web pods), each as a user that is
/// not root, from a folder nobody may write to, with HOME and TMPDIR as its only writable places (/tmp in a pod).
/// </summary>
public sealed class PublishedHostTests(CaraPlatformFixture fixture, PublishedHostTests.PublishedApp app)
    : IntegrationTest, IClassFixture<PublishedHostTests.PublishedApp>
{
    [Fact]
    public async Task The_bundle_and_migrate_ready_an_empty_database_and_the_published_host_serves_it_as_a_user_that_is_not_root()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();

        // The migration job's first step: the schema, its grants and row-level security, exactly as the host's own migrate makes them.
        var bundle = await app.RunToExitAsync(app.Path("efbundle"), [], new() { ["CARA_DB_OWNER"] = database.OwnerConnectionString });
        Assert.True(bundle.ExitCode == 0, bundle.Output);
        await using (var migrated = fixture.Database.SuperuserContext())
        {
            Assert.Equal(migrated.Database.GetMigrations().Count(), await CountAsync(database, """SELECT count(*) FROM "__EFMigrationsHistory" """));
        }

        Assert.Equal(await SchemaAsync(fixture.Database.OwnerConnectionString), await SchemaAsync(database.OwnerConnectionString));

        // Its second: the tenant files and the modules' steps, the schema being current.
        var migrate = await app.RunToExitAsync("dotnet", [app.Path("CaraPlatform.Web.dll"), "migrate"], new()
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings__Cara"] = database.ApplicationConnectionString,
        });
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        var tenantFiles = Directory.GetFiles(RepoPaths.Tenants, "*.json").Count(f => Path.GetFileName(f) != TenantDefinitionLoader.SchemaFileName);
        Assert.Equal(tenantFiles, await CountAsync(database, "SELECT count(*) FROM tenants"));

        // The web pod.
        var port = FreePort();
        var settings = ProductionHost.RequiredSettings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        settings["DataProtection__CertificatePath"] = app.KeyEncryptionCertificate;
        settings["ConnectionStrings__Cara"] = database.ApplicationConnectionString;
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var host = app.Start("dotnet", [app.Path("CaraPlatform.Web.dll")], settings);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        http.DefaultRequestHeaders.Host = ProductionHost.PublicHost;

        Assert.True(await ServesAsync(http, "/health/live", host.Process), $"/health/live never answered 200:\n{host.Output}");
        Assert.NotEqual("0", Uid(host.Process));
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health/ready")).StatusCode);
        // The portal's assets are in the published output.
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/assets/cara.css")).StatusCode);
        Assert.Empty(app.WrittenUnderApp());
    }

    /// <summary>Tables with their row-level security, the policies, and the application role's rights: what the roles may do.</summary>
    private static async Task<string> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT string_agg(line, E'\n' ORDER BY line) FROM (
                SELECT 'table ' || relname || ' rls=' || relrowsecurity || ' force=' || relforcerowsecurity AS line
                  FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'
                UNION ALL
                SELECT 'policy ' || tablename || '.' || policyname || ' ' || cmd || ' ' || roles::text || ' ' || coalesce(qual, '') || ' ' || coalesce(with_check, '')
                  FROM pg_policies WHERE schemaname = 'public'
                UNION ALL
                SELECT 'grant ' || table_name || ' ' || privilege_type
                  FROM information_schema.role_table_grants WHERE grantee = 'cara_app'
                UNION ALL
                SELECT 'column grant ' || table_name || '.' || column_name || ' ' || privilege_type
                  FROM information_schema.column_privileges WHERE grantee = 'cara_app'
            ) lines
            """, connection);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountAsync(ProvisionedDatabase database, string sql)
    {
        var superuser = new NpgsqlConnectionStringBuilder(fixture.Database.AdminConnectionString)
        {
            Database = new NpgsqlConnectionStringBuilder(database.OwnerConnectionString).Database,
        };
        await using var connection = new NpgsqlConnection(superuser.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> ServesAsync(HttpClient http, string path, Process host)
    {
        for (var attempt = 0; attempt < 120 && !host.HasExited; attempt++)
        {
            try
            {
                if ((await http.GetAsync(path)).StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return false;
    }

    /// <summary>The real user id the process runs as (Linux).</summary>
    private static string Uid(Process process) =>
        File.ReadLines($"/proc/{process.Id}/status").Single(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t')[1];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The Dockerfile's two build steps, run once for the class into a folder laid out as the image's /app (tenant files
    /// included), made read-only for everyone. A publish takes about a minute, the bundle about as long.
    /// </summary>
    public sealed class PublishedApp : IAsyncLifetime
    {
        private const UnixFileMode Everyone = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;

        private const UnixFileMode ReadAndEnter = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

        private readonly string _root = Directory.CreateTempSubdirectory("cara-published-").FullName;
        private string[] _files = [];

        public string Folder => System.IO.Path.Combine(_root, "app");

        /// <summary>A copy of the tests' key-encryption certificate that the unprivileged user can read (a mounted Secret in a pod).</summary>
        public string KeyEncryptionCertificate => System.IO.Path.Combine(_root, "keys", "key-encryption.pfx");

        public string Path(string name) => System.IO.Path.Combine(Folder, name);

        public async Task InitializeAsync()
        {
            File.SetUnixFileMode(_root, ReadAndEnter);
            var root = RepoPaths.Root;
            await Succeed("dotnet", ["tool", "restore"], root);
            await Succeed("dotnet", ["publish", "src/CaraPlatform.Web/CaraPlatform.Web.csproj", "-c", "Release", "-o", Folder, "-nologo", "-v", "quiet"], root);
            await Succeed("dotnet", ["ef", "migrations", "bundle", "--project", "migrations/CaraPlatform.Migrations",
                "--startup-project", "migrations/CaraPlatform.Migrations", "--configuration", "Release", "-o", Path("efbundle"), "--force"], root);
            await Succeed("cp", ["-r", RepoPaths.Tenants, Path("tenants")], root);
            await Succeed("chmod", ["-R", "a-w", Folder], root);
            _files = FilesUnderApp();

            foreach (var writable in new[] { "home", "tmp" })
                Directory.CreateDirectory(System.IO.Path.Combine(_root, writable), Everyone);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(KeyEncryptionCertificate)!, ReadAndEnter);
            File.Copy(CaraWebFactory.DataProtectionCertificatePath, KeyEncryptionCertificate);
            File.SetUnixFileMode(KeyEncryptionCertificate, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }

        public async Task DisposeAsync()
        {
            await Succeed("chmod", ["-R", "u+w", _root], _root);
            Directory.Delete(_root, recursive: true);
        }

        /// <summary>Files added under the app folder since it was made read-only: none, whatever ran.</summary>
        public IEnumerable<string> WrittenUnderApp() => FilesUnderApp().Except(_files);

        public async Task<(int ExitCode, string Output)> RunToExitAsync(string file, string[] arguments, Dictionary<string, string> environment)
        {
            using var run = Start(file, arguments, environment);
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            await run.Process.WaitForExitAsync(timeout.Token);
            // Waits for the last of the redirected output too.
            run.Process.WaitForExit();
            return (run.Process.ExitCode, run.Output);
        }

        /// <summary>
        /// Starts <paramref name="file"/> in the app folder as the image runs it: as nobody when the tests run as root (as
        /// in CI), else as the user running them, with the image's environment, <paramref name="environment"/>, and no
        /// ASP.NET Core or configuration variable of the test run.
        /// </summary>
        public RunningProcess Start(string file, string[] arguments, Dictionary<string, string> environment)
        {
            var start = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : file)
            {
                WorkingDirectory = Folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (Environment.IsPrivilegedProcess)
            {
                foreach (var argument in new[] { "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", file }) start.ArgumentList.Add(argument);
            }

            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
                k == "DOTNET_ENVIRONMENT" || k.Contains("__", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(inherited);
            }

            // As the Dockerfile's ENV (its /tmp is this /tmp), and Production as the chart's values.
            start.Environment["HOME"] = System.IO.Path.Combine(_root, "home");
            start.Environment["TMPDIR"] = System.IO.Path.Combine(_root, "tmp");
            start.Environment["DOTNET_BUNDLE_EXTRACT_BASE_DIR"] = System.IO.Path.Combine(_root, "tmp");
            start.Environment["Cara__TenantsPath"] = Path("tenants");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            foreach (var (key, value) in environment) start.Environment[key] = value;
            return new RunningProcess(Process.Start(start)!);
        }

        private string[] FilesUnderApp() =>
            [.. Directory.EnumerateFileSystemEntries(Folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

        private static async Task Succeed(string file, string[] arguments, string workingDirectory)
        {
            var result = await HelmChartTests.RenderedChart.RunAsync(file, arguments, workingDirectory);
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed:\n{result.StandardOutput}\n{result.StandardError}");
        }
    }

    /// <summary>A started process, its output collected as it comes; stopped (and its children) when disposed.</summary>
    public sealed class RunningProcess : IDisposable
    {
        private readonly StringBuilder _output = new();

        public RunningProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public string Output
        {
            get
            {
                lock (_output) return _output.ToString();
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null) return;
            lock (_output) _output.AppendLine(line);
        }
    }
}
