namespace CaraPlatform.Infrastructure.Materials;

/// <summary>
/// Where material files' bytes are kept, by key: a folder (<see cref="FileSystemMaterialStore"/>, the default) or an
/// S3-compatible bucket (<see cref="S3MaterialStore"/>). Callers go through <see cref="MaterialFiles"/>, which checks
/// what goes in and verifies what comes out.
/// </summary>
public interface IMaterialStore
{
    /// <summary>Stores <paramref name="length"/> bytes of the seekable <paramref name="content"/> from its start, replacing any object of that key.</summary>
    Task PutAsync(string key, Stream content, long length, CancellationToken ct);

    /// <summary>
    /// A seekable stream of the object whose <see cref="Stream.Length"/> is known, so that a download can answer a
    /// <c>Range</c> request; throws <see cref="MaterialNotFoundException"/> when there is no such object.
    /// </summary>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Removes the object; a key with no object is not an error (a retried delete has nothing left to do).</summary>
    Task DeleteAsync(string key, CancellationToken ct);
}

/// <summary>The store holds no object under the key: a catalogue row whose file is gone.</summary>
public sealed class MaterialNotFoundException(string key)
    : Exception($"No material file is stored under the key '{key}'.")
{
    public string Key { get; } = key;
}
