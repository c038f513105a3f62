namespace CaraPlatform.Web.Tests.Platform;

/// <summary>The migration job as deployed, given a tenant file that breaks the schema: what its log shows and how it exits.</summary>
public sealed class MigrateCommandTests : IDisposable
{
    private readonly string _tenants = Directory.CreateTempSubdirectory("cara-tenants-").FullName;

    public void Dispose() => Directory.Delete(_tenants, recursive: true);

    [Fact]
    public async Task A_tenant_file_breaking_the_schema_is_reported_rule_by_rule_with_its_own_exit_code_and_no_stack_trace()
    {
        File.Copy(Path.Combine(RepoPaths.Tenants, TenantDefinitionLoader.SchemaFileName), Path.Combine(_tenants, TenantDefinitionLoader.SchemaFileName));
        var hampshire = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Tenants, "hampshire.json")))!;
        hampshire.AsObject().Remove("name");
        await File.WriteAllTextAsync(Path.Combine(_tenants, "hampshire.json"), hampshire.ToJsonString());
        // No database answers here: a set of tenant files with a broken rule must be refused before any is reached.
        const string nowhere = "Host=127.0.0.1;Port=1;Database=cara;Username=cara;Password=cara;Timeout=1";

        var (exitCode, output) = await HostProcess.RunAsync(["migrate"], new Dictionary<string, string>
        {
            ["ConnectionStrings__CaraOwner"] = nowhere,
            ["ConnectionStrings__Cara"] = nowhere,
            ["Cara__TenantsPath"] = _tenants,
        });

        Assert.True(exitCode == HostCommands.InvalidTenantFilesExitCode, $"exit code {exitCode}:\n{output}");
        Assert.Contains("hampshire.json: $.name: is required", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
