using System.Diagnostics;

namespace CaraPlatform.Web.Tests.Integrators;

/// <summary>
/// The OpenAPI document integrators build on (issue 15, part 6): the served document is the committed baseline
/// openapi/v1.json (the generated client's source), passes spectral's spectral:oas ruleset, and has no breaking change
/// against the baseline unless info.version changed. The checks are tools/openapi/check.sh, as ./build.sh openapi runs them.
/// </summary>
public sealed class OpenApiContractTests(CaraPlatformFixture fixture) : IntegrationTest
{
    private static string Baseline => Path.Combine(RepoPaths.Root, "openapi", "v1.json");

    [Fact]
    public async Task The_served_document_is_the_committed_baseline()
    {
        var served = JsonNode.Parse(await ServedAsync());
        var baseline = JsonNode.Parse(await File.ReadAllTextAsync(Baseline));
        Assert.True(JsonNode.DeepEquals(served, baseline),
            "The served OpenAPI document differs from openapi/v1.json, from which the client is generated. Refresh it with " +
            "`./build.sh openapi` (it refuses a breaking change unless info.version changed) and commit it.");
    }

    [Fact]
    public async Task The_served_document_passes_spectral_oas_without_errors()
    {
        var (exitCode, output) = await CheckAsync("lint", await ServedFileAsync());
        Assert.True(exitCode == 0, $"spectral (spectral:oas) found errors in the served document:\n{output}");
    }

    [Fact]
    public async Task The_served_document_breaks_nothing_in_the_baseline_of_the_same_version()
    {
        var (exitCode, output) = await CheckAsync("breaking", Baseline, await ServedFileAsync());
        Assert.True(exitCode == 0, $"A breaking change against openapi/v1.json without a new info.version:\n{output}");
    }

    private async Task<string> ServedAsync() => await fixture.Web.CreateClient().GetStringAsync("/swagger/v1/swagger.json");

    private async Task<string> ServedFileAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"cara-served-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await ServedAsync());
        return path;
    }

    private static async Task<(int ExitCode, string Output)> CheckAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(RepoPaths.Root, "tools", "openapi", "check.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await output + await error);
    }
}
