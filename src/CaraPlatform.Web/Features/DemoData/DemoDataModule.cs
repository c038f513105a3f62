namespace CaraPlatform.Web.Features.DemoData;

/// <summary>The demo data module: the Development accounts and integration clients of DESIGN.md §4 (<see cref="DemoSeed"/>).</summary>
public static class DemoDataModule
{
    public static void AddDemoData(this WebApplicationBuilder builder) => builder.Services.AddSingleton<IDevelopmentSeed, DemoSeed>();
}
