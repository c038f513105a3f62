using CaraPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Npgsql;

namespace CaraPlatform.Migrations;

/// <summary>
/// For <c>dotnet ef migrations add</c>: the model does not need a live database, so a placeholder connection
/// string is enough. Set CARA_DB_OWNER (from .cara/dev-db.env) to run <c>dotnet ef database update</c>; the
/// migrations bundle (<c>efbundle</c>, the chart's migration job) connects with it too.
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CaraDbContext>
{
    public CaraDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("CARA_DB_OWNER") ?? "Host=127.0.0.1;Database=cara;Username=cara_owner";
        // As the host's migrate: a migration that fills a new column goes through every row, longer than a request's 30 s.
        connectionString = new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 1800 }.ConnectionString;
        var options = new DbContextOptionsBuilder<CaraDbContext>();
        CaraDatabaseOptions.Configure(options, connectionString, TimeProvider.System);
        return new CaraDbContext(options.Options);
    }
}
