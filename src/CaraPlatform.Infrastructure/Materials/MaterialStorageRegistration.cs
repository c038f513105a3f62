using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CaraPlatform.Infrastructure.Materials;

public static class MaterialStorageRegistration
{
    /// <summary>
    /// <see cref="MaterialFiles"/> over the store the <c>Materials</c> section names, its options checked when the host
    /// starts. In Development the filesystem store defaults to <c>.cara/materials</c> under the content root.
    /// </summary>
    public static IServiceCollection AddMaterialStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<MaterialStorageOptions>().Bind(configuration.GetSection(MaterialStorageOptions.Section))
            .PostConfigure<IHostEnvironment>((options, environment) =>
            {
                if (environment.IsDevelopment() && options.FileSystem.Root is not { Length: > 0 })
                    options.FileSystem.Root = Path.Combine(environment.ContentRootPath, ".cara", "materials");
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<MaterialStorageOptions>, MaterialStorageOptionsValidator>();
        // Keyed, so that the materials' client and its credentials are not anyone else's IAmazonS3; the container disposes it.
        services.AddKeyedSingleton<IAmazonS3>(MaterialStorageOptions.Section,
            (sp, _) => S3Client(sp.GetRequiredService<IOptions<MaterialStorageOptions>>().Value.S3));
        services.AddSingleton<IMaterialStore>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<MaterialStorageOptions>>().Value;
            return options.Store switch
            {
                MaterialStoreKind.S3 => new S3MaterialStore(sp.GetRequiredKeyedService<IAmazonS3>(MaterialStorageOptions.Section), options.S3.Bucket!),
                _ => new FileSystemMaterialStore(options.FileSystem.Root!),
            };
        });
        services.AddSingleton<MaterialFiles>();
        return services;
    }

    /// <summary>
    /// A client for AWS or any S3-compatible service. Checksums only where the API requires them: the SDK's default
    /// trailing checksums need aws-chunked bodies, which S3-compatible services do not all accept; every file's
    /// SHA-256 is checked on read anyway.
    /// </summary>
    internal static AmazonS3Client S3Client(S3StoreOptions options)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = options.ForcePathStyle,
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (options.ServiceUrl is { Length: > 0 } serviceUrl)
        {
            config.ServiceURL = serviceUrl;
            config.AuthenticationRegion = options.Region is { Length: > 0 } region ? region : "us-east-1";
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        return options.AccessKey is { Length: > 0 } accessKey
            ? new AmazonS3Client(new BasicAWSCredentials(accessKey, options.SecretKey), config)
            : new AmazonS3Client(config);
    }

    private sealed class MaterialStorageOptionsValidator : IValidateOptions<MaterialStorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, MaterialStorageOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
