using CaraPlatform.Infrastructure.Materials;
using Microsoft.Extensions.FileProviders;

namespace CaraPlatform.Web.Tests.Materials;

/// <summary>The <c>Materials</c> section picks the store; what it lacks is named, and Development needs nothing.</summary>
public sealed class MaterialStorageRegistrationTests
{
    private const string ContentRoot = "/srv/cara";

    [Fact]
    public void In_Development_files_are_kept_under_the_content_roots_cara_folder()
    {
        using var services = Services(Environments.Development, []);

        Assert.IsType<FileSystemMaterialStore>(services.GetRequiredService<IMaterialStore>());
        Assert.Equal(Path.Combine(ContentRoot, ".cara", "materials"), services.GetRequiredService<IOptions<MaterialStorageOptions>>().Value.FileSystem.Root);
    }

    [Fact]
    public void Outside_Development_the_folder_must_be_given_and_is_named()
    {
        using var services = Services(Environments.Production, []);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMaterialStore>());

        Assert.Contains("Materials:FileSystem:Root is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_s3_store_is_built_from_its_settings()
    {
        using var services = Services(Environments.Production, new()
        {
            ["Materials:Store"] = "S3",
            ["Materials:S3:ServiceUrl"] = "https://s3.cara.example.org",
            ["Materials:S3:Bucket"] = "materials",
            ["Materials:S3:AccessKey"] = "cara",
            ["Materials:S3:SecretKey"] = "secret",
            ["Materials:S3:ForcePathStyle"] = "true",
        });

        Assert.IsType<S3MaterialStore>(services.GetRequiredService<IMaterialStore>());
    }

    [Fact]
    public void Every_missing_or_wrong_s3_setting_is_named()
    {
        using var services = Services(Environments.Production, new()
        {
            ["Materials:Store"] = "S3",
            ["Materials:S3:ServiceUrl"] = "s3.cara.example.org",
            ["Materials:S3:AccessKey"] = "cara",
            ["Materials:MaxUploadBytes"] = "0",
        });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IMaterialStore>());

        Assert.Equal(
            [
                "Materials:MaxUploadBytes must be a positive number of bytes.",
                "Materials:S3:Bucket is not set: the bucket course material files are kept in.",
                "Materials:S3:ServiceUrl must be an absolute http(s) URL: 's3.cara.example.org' is not.",
                "Materials:S3:AccessKey and Materials:S3:SecretKey are set together or not at all.",
            ],
            error.Failures);
    }

    private static ServiceProvider Services(string environment, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new Environment(environment));
        services.AddMaterialStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "CaraPlatform.Web";

        public string ContentRootPath { get; set; } = ContentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
