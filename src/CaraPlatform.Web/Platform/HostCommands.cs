using CaraPlatform.Infrastructure.Database;
using CaraPlatform.Infrastructure.Tenants;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// The host's command-line verbs besides serving:
/// <c>migrate</c> (deployment step: migrations and tenant files as the owner role, then the modules'
/// <see cref="IMigrationStep"/>s as the application role, then exit),
/// <c>protect-keys</c> (as the owner role with the key-encryption certificates: encrypt every stored data-protection
/// key with the current certificate, those stored in plain text before keys were encrypted at rest and those of a
/// previous certificate) and
/// <c>provision-dev-db</c> (development: create roles and database in a private cluster, write .cara/dev-db.env),
/// <c>write-openapi &lt;path&gt;</c> (the served OpenAPI document, see <see cref="OpenApiBaseline"/>),
/// and the modules' <see cref="IHostCommand"/>s (such as <c>bootstrap-licence-admin</c>).
/// </summary>
public static class HostCommands
{
    /// <summary>
    /// The exit code of <c>migrate</c> when a tenant file breaks a rule (sysexits' EX_DATAERR): nothing was applied, and
    /// the output lists every broken rule.
    /// </summary>
    public const int InvalidTenantFilesExitCode = 65;

    public static async Task<bool> TryRunBeforeHostAsync(string[] args)
    {
        if (args.FirstOrDefault() != "provision-dev-db") return false;
        // provision-dev-db <admin connection string> <database> <env file>
        if (args.Length != 4) throw new ArgumentException("usage: provision-dev-db <admin-connection-string> <database> <env-file>");
        var (admin, database, envFile) = (args[1], args[2], args[3]);
        var previous = ReadEnvFile(envFile);
        var provisioned = await DatabaseProvisioner.ProvisionAsync(
            admin, database,
            PasswordOf(previous, "CARA_DB_OWNER") ?? DatabaseProvisioner.NewPassword(),
            PasswordOf(previous, "CARA_DB_APP") ?? DatabaseProvisioner.NewPassword());
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(envFile))!);
        await File.WriteAllTextAsync(envFile,
            $"CARA_DB_OWNER={provisioned.OwnerConnectionString}\nCARA_DB_APP={provisioned.ApplicationConnectionString}\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(envFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return true;
    }

    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "migrate":
                try
                {
                    await MigrateAndApplyTenantsAsync(app.Services, app.Configuration, app.Environment);
                }
                catch (TenantDefinitionException invalid)
                {
                    // Whoever reads the migration job's log has a tenant file to fix: the rules it breaks, not a stack trace.
                    await Console.Error.WriteLineAsync(invalid.Message);
                    Environment.ExitCode = InvalidTenantFilesExitCode;
                }

                return true;
            case "protect-keys":
                await ProtectStoredKeysAsync(app.Services);
                return true;
            case OpenApiBaseline.Command:
                if (args.Length < 2) throw new ArgumentException($"usage: {OpenApiBaseline.Command} <path>");
                await OpenApiBaseline.WriteAsync(app, args[1]);
                return true;
            case { } verb when app.Services.GetServices<IHostCommand>().SingleOrDefault(c => c.Name == verb) is { } command:
                Environment.ExitCode = await command.RunAsync(args[1..]);
                return true;
            default:
                return false;
        }
    }

    /// <summary>
    /// In Development the run command migrates on start-up and runs the modules' <see cref="IDevelopmentSeed"/>s (the
    /// demo accounts); elsewhere migrating is the deployment's migration job and nothing is seeded, whatever the
    /// configuration says.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>("Database:MigrateOnStartup"))
            await MigrateAndApplyTenantsAsync(app.Services, app.Configuration, app.Environment);
        if (!app.Environment.IsDevelopment() || !app.Configuration.GetValue<bool>("Database:SeedDemoData")) return;
        foreach (var seed in app.Services.GetServices<IDevelopmentSeed>()) await seed.RunAsync();
    }

    private static async Task MigrateAndApplyTenantsAsync(IServiceProvider services, IConfiguration configuration, IHostEnvironment environment)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("CaraPlatform.Migrate");
        var definitions = await TenantDefinitionLoader.LoadAsync(TenantsPath(configuration, environment));
        await services.GetRequiredService<OwnerDatabase>().MigrateAsync();
        var result = await services.GetRequiredService<TenantDefinitionApplier>().ApplyAsync(definitions);
        await ApplyMigrationStepsAsync(services);
        logger.LogInformation("Database migrated; tenant definitions applied: {Result}", result);
    }

    /// <summary>The modules' <see cref="IMigrationStep"/>s, in one scope: what <c>migrate</c> does after the schema and tenant files.</summary>
    public static async Task ApplyMigrationStepsAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        foreach (var step in scope.ServiceProvider.GetServices<IMigrationStep>()) await step.ApplyAsync(cancellationToken);
    }

    private static async Task ProtectStoredKeysAsync(IServiceProvider services)
    {
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor
            ?? throw new InvalidOperationException($"{DataProtectionKeys.CertificateKey} is not set: protect-keys encrypts with that certificate.");
        await using var db = services.GetRequiredService<OwnerDatabase>().CreateContext();
        var written = await DataProtectionKeys.ProtectStoredKeysAsync(db, encryptor, new EncryptedXmlDecryptor(services));
        services.GetRequiredService<ILoggerFactory>().CreateLogger("CaraPlatform.ProtectKeys")
            .LogInformation("Data-protection keys now encrypted with the current key-encryption certificate: {Count}", written);
    }

    /// <summary>Cara:TenantsPath, else the nearest tenants/ folder above the content root (a source checkout).</summary>
    public static string TenantsPath(IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Cara:TenantsPath"] is { Length: > 0 } configured ? configured
        : CheckoutRoot(environment) is { } root ? Path.Combine(root, "tenants")
        : throw new InvalidOperationException("No tenants/ folder found: set Cara:TenantsPath (Cara__TenantsPath).");

    /// <summary>A folder under the checkout's .cara/ (beside tenants/), where development keeps what it makes.</summary>
    public static string DevelopmentFolder(IHostEnvironment environment, string name) =>
        Path.Combine(CheckoutRoot(environment) ?? environment.ContentRootPath, ".cara", name);

    /// <summary>The nearest folder above the content root holding tenants/ with its schema: a source checkout.</summary>
    private static string? CheckoutRoot(IHostEnvironment environment)
    {
        for (var dir = new DirectoryInfo(environment.ContentRootPath); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "tenants", TenantDefinitionLoader.SchemaFileName))) return dir.FullName;
        }

        return null;
    }

    private static Dictionary<string, string> ReadEnvFile(string path) =>
        File.Exists(path)
            ? File.ReadAllLines(path).Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1])
            : [];

    private static string? PasswordOf(Dictionary<string, string> env, string key) =>
        env.TryGetValue(key, out var cs) ? new NpgsqlConnectionStringBuilder(cs).Password : null;
}
