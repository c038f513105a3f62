namespace CaraPlatform.Web.Tests.Identity;

public sealed class DemoSeedTests(CaraPlatformFixture fixture) : IntegrationTest
{
    [Fact]
    public async Task The_demo_accounts_and_clients_exist_in_Development()
    {
        // Seven accounts per demo tenant (the six roles and the facilitator whose training lapses soon) and four of the licence holder.
        Assert.Equal(18L, await Count(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM users WHERE email LIKE '%@hampshire.demo' OR email LIKE '%@west-yorkshire.demo' OR email LIKE '%@hamptontrust.demo'"));
        Assert.Equal(2L, await Count(fixture.Database.OwnerConnectionString,
            "SELECT count(*) FROM oidc_applications WHERE client_id IN ('hampshire-integration', 'west-yorkshire-integration')"));
    }

    [Fact]
    public async Task No_demo_account_or_client_exists_outside_Development_even_when_configuration_asks_for_them()
    {
        // A fresh database, migrated by a Production host told to seed: the seed must not run.
        var production = await fixture.Database.ProvisionAnotherDatabaseAsync();
        using var web = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.UseSetting("ConnectionStrings:Cara", production.ApplicationConnectionString);
            b.UseSetting("ConnectionStrings:CaraOwner", production.OwnerConnectionString);
            b.UseSetting("Cara:TenantsPath", RepoPaths.Tenants);
            b.UseSetting("Database:MigrateOnStartup", "true");
            b.UseSetting("Database:SeedDemoData", "true");
            foreach (var (key, value) in ProductionHost.RequiredSettings()) b.UseSetting(key, value);
            // A database of its own, so data-protection keys and a key-encryption certificate of its own; the test server names localhost.
            b.UseSetting("DataProtection:CertificatePath", "");
            b.UseSetting("DataProtection:Certificate", TestCertificates.Pkcs12Base64("CN=cara key encryption test"));
            b.UseSetting("AllowedHosts", "localhost");
        });
        // Production keys come from configuration: the discovery document and a token endpoint answer prove they load.
        var discovery = await web.CreateClient().GetAsync("/.well-known/openid-configuration");
        Assert.Equal(System.Net.HttpStatusCode.OK, discovery.StatusCode);

        Assert.Equal(9L, await Count(production.OwnerConnectionString, "SELECT count(*) FROM tenants"));
        Assert.Equal(0L, await Count(production.OwnerConnectionString, "SELECT count(*) FROM users"));
        // Only the public client every environment has (registered by migrate): no demo integration client.
        Assert.Equal(0L, await Count(production.OwnerConnectionString, "SELECT count(*) FROM oidc_applications WHERE client_id <> 'cara-cli'"));
    }

    [Fact]
    public async Task The_seed_refuses_to_run_outside_Development()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => new DemoSeed(fixture.Web.Services, new ProductionEnvironment()).RunAsync());
    }

    private sealed class ProductionEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Production;
        public string ApplicationName { get; set; } = "CaraPlatform.Web";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    private static async Task<long> Count(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
