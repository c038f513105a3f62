using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>The web host over HTTP, on the shared test database.</summary>
public sealed class CaraWebFactory(PostgresFixture database) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Cara", database.AppConnectionString);
        builder.UseSetting("ConnectionStrings:CaraOwner", database.OwnerConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "false");
    }
}

/// <summary>Everything the integration tests share: one database and one web host.</summary>
public sealed class CaraPlatformFixture : IAsyncLifetime
{
    public PostgresFixture Database { get; } = new();

    public CaraWebFactory Web { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Web = new CaraWebFactory(Database);
    }

    public async Task DisposeAsync()
    {
        await Web.DisposeAsync();
        await Database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class IntegrationTests : ICollectionFixture<CaraPlatformFixture>
{
    public const string Name = "Integration";
}
