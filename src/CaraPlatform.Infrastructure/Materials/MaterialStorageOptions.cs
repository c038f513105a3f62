using Microsoft.Extensions.Configuration;

namespace CaraPlatform.Infrastructure.Materials;

public enum MaterialStoreKind { FileSystem, S3 }

/// <summary>The <c>Materials</c> section: which store keeps the files, and how large an upload may be.</summary>
public sealed class MaterialStorageOptions
{
    public const string Section = "Materials";

    public MaterialStoreKind Store { get; set; } = MaterialStoreKind.FileSystem;

    /// <summary>500 MB: a workshop's recorded session in MP4 fits, with room.</summary>
    public long MaxUploadBytes { get; set; } = 524_288_000;

    /// <summary>The folder an upload is staged in while it is hashed and checked; the system's temporary folder when not set.</summary>
    public string? StagingPath { get; set; }

    public FileSystemStoreOptions FileSystem { get; set; } = new();

    public S3StoreOptions S3 { get; set; } = new();

    /// <summary>What is missing or wrong, one message per setting, each naming it; none when the store can be built.</summary>
    public IEnumerable<string> Problems()
    {
        if (MaxUploadBytes <= 0) yield return $"{Section}:MaxUploadBytes must be a positive number of bytes.";
        if (StagingPath is { Length: > 0 } && !Path.IsPathFullyQualified(StagingPath))
            yield return $"{Section}:StagingPath must be an absolute path.";
        var problems = Store == MaterialStoreKind.FileSystem ? FileSystem.Problems() : S3.Problems();
        foreach (var problem in problems) yield return problem;
    }

    /// <summary>The problems of the options <paramref name="configuration"/> gives, before any default is applied.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        var options = new MaterialStorageOptions();
        try
        {
            configuration.GetSection(Section).Bind(options);
        }
        catch (InvalidOperationException e)
        {
            return [$"{Section}: {e.Message}"];
        }

        return options.Problems();
    }
}

public sealed class FileSystemStoreOptions
{
    /// <summary>The folder the files are kept under (a persistent volume); in Development, <c>.cara/materials</c> under the content root by default.</summary>
    public string? Root { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (Root is not { Length: > 0 })
            yield return $"{MaterialStorageOptions.Section}:FileSystem:Root is not set: the folder (a persistent volume) course material files are kept in.";
        else if (!Path.IsPathFullyQualified(Root))
            yield return $"{MaterialStorageOptions.Section}:FileSystem:Root must be an absolute path: '{Root}' is not.";
    }
}

public sealed class S3StoreOptions
{
    /// <summary>The service's address, for a service other than AWS's own (MinIO, Ceph, a cloud's S3-compatible API).</summary>
    public string? ServiceUrl { get; set; }

    public string? Bucket { get; set; }

    /// <summary>The AWS region; with <see cref="ServiceUrl"/>, the region requests are signed for.</summary>
    public string? Region { get; set; }

    /// <summary>With <see cref="SecretKey"/>; when neither is set, the SDK's own chain (environment, a pod's web identity) gives the credentials.</summary>
    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>Addresses the bucket as a path (https://host/bucket/key), as most S3-compatible services want.</summary>
    public bool ForcePathStyle { get; set; }

    internal IEnumerable<string> Problems()
    {
        const string prefix = MaterialStorageOptions.Section + ":S3";
        if (Bucket is not { Length: > 0 }) yield return $"{prefix}:Bucket is not set: the bucket course material files are kept in.";
        if (ServiceUrl is not { Length: > 0 } && Region is not { Length: > 0 })
            yield return $"{prefix}:ServiceUrl or {prefix}:Region must be set: where the bucket is.";
        if (ServiceUrl is { Length: > 0 } && !(Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            yield return $"{prefix}:ServiceUrl must be an absolute http(s) URL: '{ServiceUrl}' is not.";
        if (AccessKey is { Length: > 0 } != SecretKey is { Length: > 0 })
            yield return $"{prefix}:AccessKey and {prefix}:SecretKey are set together or not at all.";
    }
}
