using System.Diagnostics;
using Amazon.S3;
using CaraPlatform.Infrastructure.Materials;

namespace CaraPlatform.Web.Tests.Materials;

/// <summary>
/// A real S3-compatible server for the S3 store's tests: s3rver (npm, installed in tools/s3rver by <c>./build.sh test</c>)
/// on a free loopback port over a throwaway folder, with one bucket, and the client the platform itself builds.
/// </summary>
public sealed class S3rverFixture : IAsyncLifetime
{
    public const string Bucket = "cara-materials";

    private static readonly Regex Listening = new(@"listening on [^:]+:(\d+)", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private readonly string _data = Directory.CreateTempSubdirectory("cara-s3rver-").FullName;
    private Process? _server;

    public IAmazonS3 Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoPaths.Root, "tools", "s3rver", "node_modules", "s3rver", "bin", "s3rver.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"{script} is missing: run `npm ci` in tools/s3rver (./build.sh test does).");

        var start = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { script, "--directory", _data, "--address", "127.0.0.1", "--port", "0", "--no-vhost-buckets", "--silent" })
            start.ArgumentList.Add(argument);
        _server = Process.Start(start)!;
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var port = await PortAsync(_server.StandardOutput, timeout.Token);
        // The rest of its log (a line per request) must still be read, or the server blocks on a full pipe.
        _ = _server.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);

        Client = MaterialStorageRegistration.S3Client(new S3StoreOptions
        {
            ServiceUrl = $"http://127.0.0.1:{port}",
            ForcePathStyle = true,
            AccessKey = "S3RVER",
            SecretKey = "S3RVER",
        });
        await Client.PutBucketAsync(Bucket);
    }

    public Task DisposeAsync()
    {
        Client.Dispose();
        if (_server is { HasExited: false }) _server.Kill(entireProcessTree: true);
        _server?.WaitForExit();
        _server?.Dispose();
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<int> PortAsync(StreamReader output, CancellationToken ct)
    {
        while (await output.ReadLineAsync(ct) is { } line)
        {
            if (Listening.Match(line) is { Success: true } match) return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        throw new InvalidOperationException("s3rver exited before it listened.");
    }
}
