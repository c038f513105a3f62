using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// The OpenAPI document as <c>/swagger/v1/swagger.json</c> serves it, written to a file without a database or a
/// listening port: <c>write-openapi &lt;path&gt;</c> (<c>./build.sh openapi</c> refreshes the committed baseline
/// <c>openapi/v1.json</c>, from which the generated client is built).
/// </summary>
public static class OpenApiBaseline
{
    public const string Command = "write-openapi";

    public const string DocumentName = "v1";

    public static async Task WriteAsync(WebApplication app, string path)
    {
        // The served document describes the mapped endpoints: map them as serving does, and publish them to the API
        // explorer as the start of serving would (UseEndpoints does that), then ask the same generator.
        app.MapCaraEndpoints();
        app.UseRouting();
        app.UseEndpoints(_ => { });
        var document = await app.Services.GetRequiredService<IAsyncSwaggerProvider>().GetSwaggerAsync(DocumentName);
        await using var file = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        document.SerializeAsV3(new OpenApiJsonWriter(file));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await File.WriteAllTextAsync(path, file + "\n");
    }
}
