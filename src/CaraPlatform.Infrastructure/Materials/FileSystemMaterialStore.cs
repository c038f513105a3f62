namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// Objects as files under a root folder (in a deployment, a persistent volume), the key being the path below it. A put
/// writes beside the target and renames over it, so a reader sees the old file or the new one, never half of one.
/// </summary>
public sealed class FileSystemMaterialStore(string root) : IMaterialStore
{
    private const int BufferSize = 81_920;

    public async Task PutAsync(string key, Stream content, long length, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            await using (var file = new FileStream(partial, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            {
                content.Position = 0;
                await content.CopyToAsync(file, BufferSize, ct);
                if (file.Length != length)
                    throw new IOException($"The content of '{key}' was {file.Length} bytes, not the {length} announced.");
            }

            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            // FileShare.Delete: a file being downloaded may still be replaced or deleted; the reader keeps what it opened.
            return Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new MaterialNotFoundException(key);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        try
        {
            File.Delete(PathOf(key));
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was ever stored under this key's folder: there is nothing to delete.
        }

        return Task.CompletedTask;
    }

    private string PathOf(string key) => Path.Combine(root, MaterialKey.Checked(key));
}
