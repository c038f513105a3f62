namespace CaraPlatform.Web.Tests.Platform;

/// <summary>
/// Outside Development the host refuses to start without a setting a deployment must give, naming it, rather than
/// starting and answering 500 to everything; the migration job still runs without the web host's secrets.
/// </summary>
public sealed class RequiredSettingsTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Theory]
    [InlineData("OpenIddict:SigningCertificate", "", "OpenIddict:SigningCertificate")]
    [InlineData("OpenIddict:EncryptionCertificate", "", "OpenIddict:EncryptionCertificate")]
    [InlineData("OpenIddict:SigningCertificate", "bm90IGEgY2VydGlmaWNhdGU=", "OpenIddict:SigningCertificate")]
    [InlineData("OpenIddict:Issuer", "", "OpenIddict:Issuer")]
    [InlineData("OpenIddict:Issuer", "cara.example.org", "OpenIddict:Issuer")]
    [InlineData("Cara:PublicUrl", "", "Cara:PublicUrl")]
    [InlineData("AllowedHosts", "", "AllowedHosts")]
    [InlineData("AllowedHosts", "*", "AllowedHosts")]
    [InlineData("DataProtection:CertificatePath", "", "DataProtection:Certificate")]
    [InlineData("DataProtection:CertificatePath", "/nowhere/key-encryption.pfx", "DataProtection:CertificatePath")]
    [InlineData("ConnectionStrings:Cara", "", "ConnectionStrings:Cara")]
    [InlineData("Mail:Smtp:Host", "", "Mail:Smtp:Host")]
    [InlineData("National:PseudonymKey", "", "National:PseudonymKey")]
    [InlineData("National:PseudonymKey", "c2hvcnQ=", "National:PseudonymKey")]
    [InlineData("ReverseProxy:KnownNetworks:0", "10.0.0.0/33", "ReverseProxy:KnownNetworks:0")]
    [InlineData("Materials:FileSystem:Root", "", "Materials:FileSystem:Root")]
    [InlineData("Materials:FileSystem:Root", "materials", "Materials:FileSystem:Root")]
    [InlineData("Materials:Store", "S3", "Materials:S3:Bucket")]
    public void A_production_host_without_a_required_setting_refuses_to_start_naming_it(string key, string value, string named)
    {
        using var web = fixture.Web.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            foreach (var (setting, given) in ProductionHost.RequiredSettings()) b.UseSetting(setting, given);
            b.UseSetting(key, value);
        });

        var error = Record.Exception(() => web.Server);

        Assert.NotNull(error);
        Assert.Contains(named, Messages(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_host_run_as_deployed_without_its_settings_exits_non_zero_naming_each_one()
    {
        var (exitCode, output) = await HostProcess.RunAsync([], new Dictionary<string, string>());

        Assert.NotEqual(0, exitCode);
        foreach (var key in new[]
        {
            "ConnectionStrings:Cara", "OpenIddict:SigningCertificate", "OpenIddict:EncryptionCertificate", "OpenIddict:Issuer",
            "Cara:PublicUrl", "AllowedHosts", "DataProtection:Certificate", "Mail:Smtp:Host", "National:PseudonymKey",
            "Materials:FileSystem:Root",
        })
        {
            Assert.Contains(key, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_migration_job_runs_without_the_web_hosts_secrets()
    {
        var database = await fixture.Database.ProvisionAnotherDatabaseAsync();

        // What the Helm chart's migration job gives it, and nothing more.
        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = database.OwnerConnectionString,
            ["ConnectionStrings__Cara"] = database.ApplicationConnectionString,
            ["Cara__TenantsPath"] = RepoPaths.Tenants,
        });

        Assert.True(exitCode == 0, output);
        await using var connection = new NpgsqlConnection(database.OwnerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM tenants", connection);
        Assert.Equal(9L, (long)(await command.ExecuteScalarAsync())!);
    }

    private static string Messages(Exception error) =>
        error is AggregateException aggregate
            ? string.Join("\n", aggregate.InnerExceptions.Select(Messages))
            : error.Message + (error.InnerException is { } inner ? "\n" + Messages(inner) : "");
}
