using System.Diagnostics;
using CaraPlatform.Domain.Materials;
using CaraPlatform.Infrastructure.Materials;

namespace CaraPlatform.Web.Tests.Materials;

/// <summary>
/// Uploads are kept only when their content is a PDF, PPTX, DOCX or MP4 within the size limit, with the SHA-256 of
/// what was sent; a stored file whose bytes changed is refused on read. Over the filesystem store, in folders of its own.
/// </summary>
public sealed class MaterialFilesTests : IDisposable
{
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("cara-materials-");
    private readonly DirectoryInfo _staging = Directory.CreateTempSubdirectory("cara-staging-");

    public void Dispose()
    {
        _root.Delete(recursive: true);
        _staging.Delete(recursive: true);
    }

    public static TheoryData<string, MaterialFileType> Accepted => new()
    {
        { "pdf", MaterialFileType.Pdf }, { "docx", MaterialFileType.Docx }, { "pptx", MaterialFileType.Pptx }, { "mp4", MaterialFileType.Mp4 },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_real_file_of_each_kind_is_kept_with_its_type_size_and_the_sha256_sha256sum_gives(string kind, MaterialFileType type)
    {
        var bytes = Sample(kind);

        var file = await Files().SaveAsync(new MemoryStream(bytes), default);

        Assert.Equal(type, file.Type);
        Assert.Equal(bytes.Length, file.Size);
        Assert.EndsWith("." + kind, file.Key, StringComparison.Ordinal);
        Assert.Equal(await Sha256SumAsync(bytes), file.Sha256);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(_root.FullName, file.Key)));
        Assert.Empty(_staging.EnumerateFileSystemInfos());
    }

    [Theory]
    [InlineData("executable", "not a PDF")]
    [InlineData("zip", "not a PDF")]
    [InlineData("doc", "not a PDF")]
    [InlineData("empty", "empty")]
    public async Task An_upload_that_is_none_of_the_kinds_is_refused_and_nothing_is_kept(string kind, string reason)
    {
        var error = await Assert.ThrowsAsync<MaterialFileRejectedException>(() => Files().SaveAsync(new MemoryStream(Sample(kind)), default));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Empty(_root.EnumerateFileSystemInfos());
        Assert.Empty(_staging.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task An_upload_over_the_limit_is_refused_when_it_passes_the_limit_and_nothing_is_kept()
    {
        const long limit = 1_048_576;
        var upload = new GeneratedStream(10 * limit, MaterialSamples.Pdf());

        var error = await Assert.ThrowsAsync<MaterialFileRejectedException>(() => Files(limit).SaveAsync(upload, default));

        Assert.Contains("larger than the limit of 1 MB", error.Reason, StringComparison.Ordinal);
        Assert.InRange(upload.Consumed, limit, limit + 81_920);
        Assert.Empty(_root.EnumerateFileSystemInfos());
        Assert.Empty(_staging.EnumerateFileSystemInfos());
    }

    [Fact]
    public async Task A_file_whose_stored_bytes_were_altered_is_refused_on_read()
    {
        var files = Files();
        var file = await files.SaveAsync(new MemoryStream(MaterialSamples.Pdf()), default);
        var path = Path.Combine(_root.FullName, file.Key);
        var altered = await File.ReadAllBytesAsync(path);
        altered[20] ^= 0x01;
        await File.WriteAllBytesAsync(path, altered);

        var error = await Assert.ThrowsAsync<MaterialFileCorruptException>(() => files.OpenVerifiedAsync(file, default));

        Assert.Equal(file, error.File);
        Assert.Contains(file.Sha256, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_cut_short_in_the_store_is_refused_on_read()
    {
        var files = Files();
        var file = await files.SaveAsync(new MemoryStream(MaterialSamples.Docx()), default);
        var path = Path.Combine(_root.FullName, file.Key);
        await File.WriteAllBytesAsync(path, (await File.ReadAllBytesAsync(path))[..^10]);

        await Assert.ThrowsAsync<MaterialFileCorruptException>(() => files.OpenVerifiedAsync(file, default));
    }

    [Fact]
    public async Task A_verified_read_is_the_whole_file_from_its_start()
    {
        var files = Files();
        var bytes = MaterialSamples.Pptx();
        var file = await files.SaveAsync(new MemoryStream(bytes), default);

        await using var read = await files.OpenVerifiedAsync(file, default);

        Assert.Equal(0, read.Position);
        using var copy = new MemoryStream();
        await read.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [Fact]
    public async Task A_deleted_file_is_gone_from_the_store()
    {
        var files = Files();
        var file = await files.SaveAsync(new MemoryStream(MaterialSamples.Mp4()), default);

        await files.DeleteAsync(file, default);

        await Assert.ThrowsAsync<MaterialNotFoundException>(() => files.OpenVerifiedAsync(file, default));
    }

    private MaterialFiles Files(long maxUploadBytes = 524_288_000) => new(
        new FileSystemMaterialStore(_root.FullName),
        Options.Create(new MaterialStorageOptions { MaxUploadBytes = maxUploadBytes, StagingPath = _staging.FullName }));

    private static byte[] Sample(string kind) => kind switch
    {
        "pdf" => MaterialSamples.Pdf(),
        "docx" => MaterialSamples.Docx(),
        "pptx" => MaterialSamples.Pptx(),
        "mp4" => MaterialSamples.Mp4(),
        "executable" => MaterialSamples.Executable(),
        "zip" => MaterialSamples.PlainZip(),
        "doc" => MaterialSamples.Doc(),
        "empty" => [],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>The coreutils tool's answer, not ours: the recorded hash is what anyone checking the download would compute.</summary>
    private async Task<string> Sha256SumAsync(byte[] bytes)
    {
        var path = Path.Combine(_staging.FullName, "..", $"{_staging.Name}.sum");
        await File.WriteAllBytesAsync(path, bytes);
        try
        {
            using var sum = Process.Start(new ProcessStartInfo("sha256sum", [path]) { RedirectStandardOutput = true })!;
            var output = await sum.StandardOutput.ReadToEndAsync();
            await sum.WaitForExitAsync();
            return output.Split(' ')[0];
        }
        finally
        {
            File.Delete(path);
        }
    }
}
