using System.Security.Cryptography;
using CaraPlatform.Domain.Materials;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// The way in and out of the material store: an upload is kept only once its size, type (by content) and SHA-256 are
/// known, and a stored file is served only once its bytes are shown to be the ones recorded.
/// </summary>
public sealed class MaterialFiles(IMaterialStore store, IOptions<MaterialStorageOptions> options)
{
    /// <summary>Under the large-object heap's 85,000 bytes: each buffer is reclaimed young.</summary>
    private const int BufferSize = 81_920;

    /// <summary>
    /// Streams the upload to a staging file (never whole in memory) while hashing and counting it, tells its type by its
    /// content, then puts it in the store under a new key. The staging file is deleted however this ends.
    /// </summary>
    /// <exception cref="MaterialFileRejectedException">Empty, over the size limit, or not a PDF, PPTX, DOCX or MP4.</exception>
    public async Task<MaterialFile> SaveAsync(Stream upload, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var limit = options.Value.MaxUploadBytes;
        await using var staging = new FileStream(StagingFile(), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, BufferSize,
            FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long size = 0;
        for (int read; (read = await upload.ReadAsync(buffer, ct)) > 0;)
        {
            size += read;
            if (size > limit) throw new MaterialFileRejectedException($"The file is larger than the limit of {Megabytes(limit)}.");
            sha256.AppendData(buffer, 0, read);
            await staging.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        if (size == 0) throw new MaterialFileRejectedException("The file is empty.");
        await staging.FlushAsync(ct);
        var type = await MaterialFileSignature.TypeOfAsync(staging, ct)
            ?? throw new MaterialFileRejectedException("The file is not a PDF, PowerPoint (PPTX), Word (DOCX) or MP4 file; its content was checked, not its name.");

        var file = new MaterialFile(Key: "", size, Convert.ToHexStringLower(sha256.GetHashAndReset()), type);
        file = file with { Key = MaterialKey.New(file.Extension) };
        await store.PutAsync(file.Key, staging, size, ct);
        return file;
    }

    /// <summary>
    /// Reads the whole stored object and checks its size and SHA-256 against <paramref name="file"/>'s before anything
    /// is served; returns the stream again at its start.
    /// </summary>
    /// <exception cref="MaterialFileCorruptException">The stored bytes are not the ones recorded.</exception>
    /// <exception cref="MaterialNotFoundException">Nothing is stored under the file's key.</exception>
    public async Task<Stream> OpenVerifiedAsync(MaterialFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        var stream = await store.OpenReadAsync(file.Key, ct);
        try
        {
            if (stream.Length != file.Size) throw new MaterialFileCorruptException(file, $"{stream.Length} bytes are stored, not {file.Size}");
            var sha256 = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
            if (!string.Equals(sha256, file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new MaterialFileCorruptException(file, $"the stored bytes' SHA-256 is {sha256}");
            stream.Position = 0;
            return stream;
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public Task DeleteAsync(MaterialFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        return store.DeleteAsync(file.Key, ct);
    }

    private string StagingFile()
    {
        var folder = options.Value.StagingPath is { Length: > 0 } configured ? configured : Path.GetTempPath();
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"cara-upload-{Guid.NewGuid():N}.staging");
    }

    private static string Megabytes(long bytes) => bytes % 1_048_576 == 0 ? $"{bytes / 1_048_576} MB" : $"{bytes:N0} bytes";
}

/// <summary>An upload that is not kept, and why (for the person who sent it).</summary>
public sealed class MaterialFileRejectedException(string reason) : Exception(reason)
{
    public string Reason { get; } = reason;
}

/// <summary>A stored file whose bytes are not the ones recorded when it was uploaded: it is not served.</summary>
public sealed class MaterialFileCorruptException(MaterialFile file, string finding)
    : Exception($"The stored material file '{file.Key}' is not the one uploaded: {finding}, where {file.Size} bytes with SHA-256 {file.Sha256} were recorded.")
{
    public MaterialFile File { get; } = file;
}
