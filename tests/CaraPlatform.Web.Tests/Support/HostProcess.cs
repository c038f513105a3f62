using System.Diagnostics;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>The web host run as the container runs it: <c>dotnet CaraPlatform.Web.dll</c>, in Production.</summary>
public static class HostProcess
{
    /// <summary>
    /// Runs the host with <paramref name="arguments"/> and, of all settings, only <paramref name="environment"/>; returns its
    /// exit code and its standard output and error together.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string[] arguments, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CaraPlatform.Web.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) ||
            k == "DOTNET_ENVIRONMENT" || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment) start.Environment[key] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A host that started serving instead of exiting would serve until stopped.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        return (process.ExitCode, await output + await error);
    }
}
