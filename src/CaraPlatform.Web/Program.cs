using CaraPlatform.Web.Platform.Observability;

if (await HostCommands.TryRunBeforeHostAsync(args)) return;

var builder = WebApplication.CreateBuilder(args);
builder.AddCaraPlatform();
builder.AddCaraObservability();

var app = builder.Build();
if (await HostCommands.TryRunAsync(app, args)) return;

app.EnsureRequiredSettings();

await app.PrepareDatabaseAsync();
app.UseCaraPlatform();
app.MapCaraEndpoints();
await app.RunAsync();

/// <summary>The web host; public so that integration tests can start it.</summary>
public partial class Program;
