using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace CaraPlatform.Web.Tests.Deployment;

/// <summary>
/// Checks the Helm chart in helm/cara-platform by rendering it offline with
/// tools/helm-render/render.sh (Go text/template + sprig, built from Debian's
/// packages; helm itself is not available from the registries our machines
/// reach) and inspecting every rendered manifest.
/// </summary>
public sealed class HelmChartTests : IClassFixture<HelmChartTests.RenderedChart>
{
    private const string ChartPath = "helm/cara-platform";

    private static readonly string[] RequiredKinds =
        ["Deployment", "Service", "Ingress", "Job", "ConfigMap", "HorizontalPodAutoscaler"];

    private static readonly Regex InlinePassword = new(
        @"(?i)\b(password|pwd)\s*=",
        RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(5));

    private readonly RenderedChart _chart;

    public HelmChartTests(RenderedChart chart) => _chart = chart;

    [Fact]
    public void Chart_renders_and_every_document_is_a_named_kubernetes_object()
    {
        var documents = _chart.Documents();

        Assert.NotEmpty(documents);
        foreach (var doc in documents)
        {
            Assert.False(string.IsNullOrWhiteSpace(Scalar(doc, "apiVersion")), "a document has no apiVersion");
            Assert.False(string.IsNullOrWhiteSpace(Scalar(doc, "kind")), "a document has no kind");
            Assert.False(
                string.IsNullOrWhiteSpace(Scalar(doc, "metadata", "name")),
                $"a {Scalar(doc, "kind")} has no metadata.name");
        }
    }

    [Fact]
    public void Chart_renders_every_expected_kind()
    {
        var kinds = _chart.Documents().Select(d => Scalar(d, "kind")).ToHashSet(StringComparer.Ordinal);

        foreach (var kind in RequiredKinds)
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Fact]
    public void Deployment_probes_hit_the_health_endpoints_and_the_database_comes_from_a_secret()
    {
        var deployment = Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Deployment");
        var container = FirstContainer(deployment);

        Assert.Equal("/health/live", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Equal("/health/ready", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/health/live", Scalar(container, "startupProbe", "httpGet", "path"));

        var connectionString = EnvVar(container, "ConnectionStrings__Cara");
        Assert.Null(Child(connectionString, "value"));
        Assert.False(string.IsNullOrEmpty(Scalar(connectionString, "valueFrom", "secretKeyRef", "name")));
        Assert.False(string.IsNullOrEmpty(Scalar(connectionString, "valueFrom", "secretKeyRef", "key")));

        Assert.Equal("/app/tenants", Scalar(EnvVar(container, "Cara__TenantsPath"), "value"));

        // The OpenID Connect server's certificates come from a Secret too: every replica signs with the same keys.
        foreach (var name in new[] { "OpenIddict__SigningCertificate", "OpenIddict__EncryptionCertificate" })
        {
            var certificate = EnvVar(container, name);
            Assert.Null(Child(certificate, "value"));
            Assert.False(string.IsNullOrEmpty(Scalar(certificate, "valueFrom", "secretKeyRef", "key")));
        }

        var checksum = Scalar(deployment, "spec", "template", "metadata", "annotations", "checksum/tenants");
        Assert.Matches("^[0-9a-f]{64}$", checksum ?? string.Empty);
    }

    [Fact]
    public void Web_pods_get_the_public_address_allowed_hosts_trusted_proxies_and_the_key_encryption_certificate()
    {
        var deployment = Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Deployment");
        var container = FirstContainer(deployment);

        Assert.Equal("https://cara.example.org/", Scalar(EnvVar(container, "OpenIddict__Issuer"), "value"));
        Assert.Equal("https://cara.example.org/", Scalar(EnvVar(container, "Cara__PublicUrl"), "value"));
        Assert.Equal("cara.example.org", Scalar(EnvVar(container, "AllowedHosts"), "value"));
        Assert.False(string.IsNullOrEmpty(Scalar(EnvVar(container, "ReverseProxy__KnownNetworks__0"), "value")));

        // The host refuses to start without a mail server; its password comes from a Secret, never a value.
        Assert.False(string.IsNullOrEmpty(Scalar(EnvVar(container, "Mail__Smtp__Host"), "value")));
        Assert.False(string.IsNullOrEmpty(Scalar(EnvVar(container, "Mail__Smtp__Password"), "valueFrom", "secretKeyRef", "name")));
        // The host refuses to start without the national pseudonym key, which only ever comes from a Secret.
        Assert.Equal("cara-national", Scalar(EnvVar(container, "National__PseudonymKey"), "valueFrom", "secretKeyRef", "name"));

        // The data-protection keys' certificate is a file of a mounted Secret, never a value in the manifest.
        var certificatePath = Scalar(EnvVar(container, "DataProtection__CertificatePath"), "value") ?? "";
        var mounts = Assert.IsType<YamlSequenceNode>(Child(container, "volumeMounts")).Children.OfType<YamlMappingNode>();
        var mount = Assert.Single(mounts, m => certificatePath.StartsWith(Scalar(m, "mountPath") + "/", StringComparison.Ordinal));
        var volumes = Assert.IsType<YamlSequenceNode>(Child(deployment, "spec", "template", "spec", "volumes")).Children.OfType<YamlMappingNode>();
        var volume = Assert.Single(volumes, v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.False(string.IsNullOrEmpty(Scalar(volume, "secret", "secretName")));

        // The host refuses to start without the material files' folder: a claim every replica mounts there.
        Assert.Equal("/var/lib/cara/materials", Scalar(EnvVar(container, "Materials__FileSystem__Root"), "value"));
        Assert.Contains(volumes, v => Scalar(v, "persistentVolumeClaim", "claimName") == "cara-materials");

        // The host filter refuses the pod address that the kubelet would send as Host, so the probes name the public host.
        foreach (var probe in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var headers = Assert.IsType<YamlSequenceNode>(Child(container, probe, "httpGet", "httpHeaders")).Children.OfType<YamlMappingNode>();
            Assert.Equal("cara.example.org", Scalar(Assert.Single(headers, h => Scalar(h, "name") == "Host"), "value"));
        }
    }

    [Fact]
    public void Migration_job_gets_none_of_the_web_hosts_secrets()
    {
        var job = Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Job");
        var container = FirstContainer(job);
        var names = Assert.IsType<YamlSequenceNode>(Child(container, "env")).Children.OfType<YamlMappingNode>().Select(e => Scalar(e, "name") ?? "");

        Assert.DoesNotContain(names, n => n.StartsWith("OpenIddict__", StringComparison.Ordinal) || n.StartsWith("DataProtection__", StringComparison.Ordinal));
    }

    [Fact]
    public void Migration_job_is_a_pre_install_and_pre_upgrade_hook_running_migrate()
    {
        var job = Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Job");

        Assert.Equal("pre-install,pre-upgrade", Scalar(job, "metadata", "annotations", "helm.sh/hook"));

        var container = Assert.IsType<YamlMappingNode>(
            Assert.Single(Assert.IsType<YamlSequenceNode>(Child(job, "spec", "template", "spec", "containers"))));
        var args = Assert.IsType<YamlSequenceNode>(Child(container, "args"));
        Assert.Equal("migrate", Assert.IsType<YamlScalarNode>(Assert.Single(args.Children)).Value);

        var owner = EnvVar(container, "ConnectionStrings__CaraOwner");
        Assert.Null(Child(owner, "value"));
        Assert.False(string.IsNullOrEmpty(Scalar(owner, "valueFrom", "secretKeyRef", "key")));
    }

    [Fact]
    public void Tenants_config_maps_hold_one_key_per_tenant_file_with_its_contents()
    {
        var tenantsDir = Path.Combine(RenderedChart.RepositoryRoot, "tenants");
        var files = Directory.Exists(tenantsDir)
            ? Directory.GetFiles(tenantsDir, "*.json").ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var expectedKeys = files.Keys.Order(StringComparer.Ordinal).ToList();

        // The web pods' ConfigMap, and (migrations enabled by default) the hook copy the migration job mounts.
        var configMaps = _chart.Documents().Where(d => Scalar(d, "kind") == "ConfigMap").ToList();
        Assert.NotEmpty(configMaps);

        foreach (var configMap in configMaps)
        {
            var data = Child(configMap, "data") as YamlMappingNode;
            var entries = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, value) in data?.Children.ToList() ?? [])
            {
                entries.Add(((YamlScalarNode)key).Value ?? string.Empty, ((YamlScalarNode)value).Value ?? string.Empty);
            }


            Assert.Equal(expectedKeys, entries.Keys.Order(StringComparer.Ordinal).ToList());
            foreach (var (key, value) in entries)
            {
                var expected = JsonNode.Parse(File.ReadAllText(files[key]));
                Assert.True(
                    JsonNode.DeepEquals(expected, JsonNode.Parse(value)),
                    $"{Scalar(configMap, "metadata", "name")}: {key} differs from tenants/{key}");
            }
        }
    }

    [Fact]
    public void No_manifest_holds_an_inline_password_or_a_secret()
    {
        _chart.AssertRendered();

        Assert.DoesNotMatch(InlinePassword, _chart.Output);
        Assert.DoesNotContain(_chart.Documents(), d => Scalar(d, "kind") == "Secret");
    }

    [Fact]
    public async Task Helm_lint_and_template_pass_where_helm_is_installed()
    {
        // helm is legitimately absent on our machines (no registry we reach serves it),
        // so this test only does something where a helm binary is on PATH.
        var helm = FindOnPath("helm");
        if (helm is null)
        {
            return;
        }

        var chart = Path.Combine(RenderedChart.RepositoryRoot, ChartPath);

        var lint = await RenderedChart.RunAsync(helm, ["lint", chart], RenderedChart.RepositoryRoot);
        Assert.True(lint.ExitCode == 0, $"helm lint failed:\n{lint.StandardOutput}\n{lint.StandardError}");

        var template = await RenderedChart.RunAsync(helm, ["template", "cara", chart], RenderedChart.RepositoryRoot);
        Assert.True(template.ExitCode == 0, $"helm template failed:\n{template.StandardError}");

        var kinds = RenderedChart.Parse(template.StandardOutput)
            .Select(d => Scalar(d, "kind"))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var kind in RequiredKinds)
        {
            Assert.Contains(kind, kinds);
        }
    }

    private static YamlMappingNode FirstContainer(YamlMappingNode workload)
    {
        var containers = Assert.IsType<YamlSequenceNode>(Child(workload, "spec", "template", "spec", "containers"));
        return Assert.IsType<YamlMappingNode>(containers.Children[0]);
    }

    private static YamlMappingNode EnvVar(YamlMappingNode container, string name)
    {
        var env = Assert.IsType<YamlSequenceNode>(Child(container, "env"));
        var match = env.Children.OfType<YamlMappingNode>().SingleOrDefault(e => Scalar(e, "name") == name);
        Assert.True(match is not null, $"env {name} is missing");
        return match;
    }

    private static YamlNode? Child(YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var key in path)
        {
            if (current is not YamlMappingNode mapping
                || !mapping.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    private static string? Scalar(YamlNode node, params string[] path) => (Child(node, path) as YamlScalarNode)?.Value;

    private static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
    }

    /// <summary>
    /// Renders the chart once per test class with tools/helm-render/render.sh
    /// (which builds its Go renderer on first use, so allow time for that).
    /// </summary>
    public sealed class RenderedChart : IAsyncLifetime
    {
        private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

        private List<YamlMappingNode>? _documents;

        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        public int ExitCode { get; private set; } = -1;

        public string Output { get; private set; } = string.Empty;

        public string Errors { get; private set; } = string.Empty;

        public async Task InitializeAsync()
        {
            var script = Path.Combine(RepositoryRoot, "tools", "helm-render", "render.sh");
            var result = await RunAsync("bash", [script, ChartPath], RepositoryRoot);
            ExitCode = result.ExitCode;
            Output = result.StandardOutput;
            Errors = result.StandardError;
        }

        public Task DisposeAsync() => Task.CompletedTask;

        public void AssertRendered() =>
            Assert.True(
                ExitCode == 0,
                $"tools/helm-render/render.sh {ChartPath} exited with {ExitCode.ToString(CultureInfo.InvariantCulture)}:\n{Errors}");

        public IReadOnlyList<YamlMappingNode> Documents()
        {
            AssertRendered();
            return _documents ??= Parse(Output);
        }

        public static List<YamlMappingNode> Parse(string yaml)
        {
            var stream = new YamlStream();
            using (var reader = new StringReader(yaml))
            {
                stream.Load(reader);
            }

            return stream.Documents
                .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
                .Select(d => Assert.IsType<YamlMappingNode>(d.RootNode))
                .ToList();
        }

        public static async Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory)
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo)
                ?? throw new InvalidOperationException($"could not start {fileName}");
            using var cancellation = new CancellationTokenSource(RunTimeout);
            var stdout = process.StandardOutput.ReadToEndAsync(cancellation.Token);
            var stderr = process.StandardError.ReadToEndAsync(cancellation.Token);
            try
            {
                await process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {RunTimeout}");
            }

            return new ProcessResult(process.ExitCode, await stdout, await stderr);
        }

        private static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "CaraPlatform.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException(
                $"CaraPlatform.sln not found in {AppContext.BaseDirectory} or any folder above it");
        }
    }

    public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);
}
