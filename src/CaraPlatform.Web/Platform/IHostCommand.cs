namespace CaraPlatform.Web.Platform;

/// <summary>
/// A command-line verb a module offers (<c>dotnet CaraPlatform.Web.dll &lt;name&gt; …</c>), run by
/// <see cref="HostCommands"/> on a built host instead of serving, so that the platform knows no feature.
/// </summary>
public interface IHostCommand
{
    /// <summary>The verb, such as <c>bootstrap-licence-admin</c>.</summary>
    string Name { get; }

    /// <summary>Runs the command with the arguments after the verb; the process's exit code (0 for success).</summary>
    Task<int> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken = default);
}
