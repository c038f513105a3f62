using YamlDotNet.RepresentationModel;

namespace CaraPlatform.Web.Tests.Deployment;

/// <summary>
/// The Dockerfile read as text, since no image can be built here: what it copies exists and is not kept out of the build
/// context, and it agrees with the chart on the user, the entry point and the migrations bundle.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly string[] Lines = File.ReadAllLines(Path.Combine(RepoPaths.Root, "Dockerfile"));

    [Fact]
    public void Everything_copied_from_the_build_context_exists_and_is_not_ignored()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoPaths.Root, ".dockerignore"))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith("**", StringComparison.Ordinal)).ToList();
        var sources = Lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1]).ToList();

        Assert.NotEmpty(sources);
        foreach (var source in sources)
        {
            var path = Path.Combine(RepoPaths.Root, source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
            Assert.DoesNotContain(ignored, pattern => source.StartsWith(pattern, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_image_runs_the_web_host_as_the_charts_non_root_user_and_holds_the_bundle_the_migration_job_runs()
    {
        var values = LoadValues();
        var runAsUser = ((YamlScalarNode)values["podSecurityContext"]["runAsUser"]).Value;

        Assert.Equal($"USER {runAsUser}:{runAsUser}", Assert.Single(Lines, l => l.StartsWith("USER ", StringComparison.Ordinal)));
        Assert.NotEqual("0", runAsUser);
        Assert.Equal("""ENTRYPOINT ["dotnet", "CaraPlatform.Web.dll"]""", Assert.Single(Lines, l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)));
        Assert.Equal("CaraPlatform.Web.dll", typeof(Program).Assembly.GetName().Name + ".dll");
        Assert.Contains(Lines, l => l.Contains("-o /app/efbundle", StringComparison.Ordinal));
        Assert.Contains(Lines, l => l.Contains("ASPNETCORE_HTTP_PORTS=8080", StringComparison.Ordinal));
    }

    private static YamlMappingNode LoadValues()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(Path.Combine(RepoPaths.Root, "helm", "cara-platform", "values.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }
}
