using CaraPlatform.Infrastructure.Materials;
using Xunit.Abstractions;

namespace CaraPlatform.Web.Tests.Materials;

[CollectionDefinition(nameof(MaterialUploadMemoryTests), DisableParallelization = true)]
public sealed class MaterialUploadMemoryRunsAlone;

/// <summary>
/// A 64 MB upload is streamed, never held (the bench sends 200 MB to the running host): what the process allocates while it is saved (and read back verified) stays
/// a small fraction of its size. Counted in allocated bytes, which are exact, rather than a working set, which the GC
/// decides; alone in its collection so that no other test's allocations are counted. The host's working set is
/// measured by the benchmark project.
/// </summary>
[Collection(nameof(MaterialUploadMemoryTests))]
public sealed class MaterialUploadMemoryTests(S3rverFixture s3rver, ITestOutputHelper output) : IDisposable, IClassFixture<S3rverFixture>
{
    private const long UploadBytes = 64L * 1024 * 1024;

    /// <summary>A quarter of the upload: a buffered body (a MemoryStream, a byte[] of the file) could not pass.</summary>
    private const long AllowedAllocation = UploadBytes / 4;

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("cara-memory-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public Task A_large_upload_to_the_filesystem_store_is_streamed() =>
        SaveAndVerifyWithinAllocationAsync("filesystem", new FileSystemMaterialStore(Path.Combine(_folder.FullName, "store")));

    [Fact]
    public Task A_large_upload_to_the_s3_store_is_streamed_in_parts() =>
        SaveAndVerifyWithinAllocationAsync("s3", new S3MaterialStore(s3rver.Client, S3rverFixture.Bucket));

    private async Task SaveAndVerifyWithinAllocationAsync(string name, IMaterialStore store)
    {
        var files = new MaterialFiles(store, Options.Create(new MaterialStorageOptions { StagingPath = Path.Combine(_folder.FullName, "staging") }));
        var before = GC.GetTotalAllocatedBytes(precise: true);

        var file = await files.SaveAsync(new GeneratedStream(UploadBytes, MaterialSamples.Pdf()), default);
        var saved = GC.GetTotalAllocatedBytes(precise: true) - before;
        await using (var read = await files.OpenVerifiedAsync(file, default)) Assert.Equal(UploadBytes, read.Length);
        var verified = GC.GetTotalAllocatedBytes(precise: true) - before - saved;

        output.WriteLine($"{name}: saving {UploadBytes >> 20} MB allocated {saved / 1024} KB; the verified read {verified / 1024} KB");
        Assert.Equal(UploadBytes, file.Size);
        Assert.InRange(saved, 0, AllowedAllocation);
        Assert.InRange(verified, 0, AllowedAllocation);
        await files.DeleteAsync(file, default);
    }
}
