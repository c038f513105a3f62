namespace CaraPlatform.Web.Platform;

/// <summary>
/// Data a module provides for Development only, such as demo accounts: run once the database is ready when
/// <c>Database:SeedDemoData</c> is set, and never outside Development. A seed refuses to run elsewhere itself too,
/// since anything holding the service provider can call it.
/// </summary>
public interface IDevelopmentSeed
{
    Task RunAsync(CancellationToken cancellationToken = default);
}
