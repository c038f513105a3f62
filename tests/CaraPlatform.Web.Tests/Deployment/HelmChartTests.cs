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
        ["Deployment", "Service", "Ingress", "Job", "ConfigMap", "HorizontalPodAutoscaler", "PodDisruptionBudget", "NetworkPolicy", "PersistentVolumeClaim"];

    /// <summary>Materials in a bucket instead of on a volume, its keys from a Secret.</summary>
    private static readonly string[] S3Values =
    [
        "--set", "materials.store=S3", "--set", "materials.s3.bucket=cara-materials", "--set", "materials.s3.serviceUrl=https://s3.example.org",
        "--set", "materials.s3.existingSecret=cara-s3", "--set", "materials.s3.forcePathStyle=true",
    ];

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
        Assert.Contains(volumes, v => Scalar(v, "persistentVolumeClaim", "claimName")?.EndsWith("-materials", StringComparison.Ordinal) == true);
        // Uploads are staged on a volume of their own, not /tmp.
        Assert.Equal("/var/cache/cara/materials-staging", Scalar(EnvVar(container, "Materials__StagingPath"), "value"));
        Assert.Contains(volumes, v => Scalar(v, "name") == "materials-staging" && Child(v, "emptyDir") is not null);

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

    [Fact]
    public void Every_container_runs_as_a_non_root_user_on_a_read_only_root_with_no_capabilities_and_a_writable_tmp()
    {
        foreach (var workload in _chart.Documents().Where(d => Scalar(d, "kind") is "Deployment" or "Job"))
        {
            var pod = Child(workload, "spec", "template", "spec")!;
            Assert.Equal("true", Scalar(pod, "securityContext", "runAsNonRoot"));
            Assert.NotEqual("0", Scalar(pod, "securityContext", "runAsUser"));
            Assert.Equal("RuntimeDefault", Scalar(pod, "securityContext", "seccompProfile", "type"));
            Assert.Equal("false", Scalar(pod, "automountServiceAccountToken"));
            var tmp = Assert.Single(Sequence(pod, "volumes"), v => Scalar(v, "name") == "tmp");
            Assert.NotNull(Child(tmp, "emptyDir"));

            foreach (var container in Sequence(pod, "containers").Concat(Sequence(pod, "initContainers")))
            {
                var where = $"{Scalar(workload, "kind")} container {Scalar(container, "name")}";
                Assert.True(Scalar(container, "securityContext", "readOnlyRootFilesystem") == "true", $"{where}: root filesystem not read-only");
                Assert.True(Scalar(container, "securityContext", "allowPrivilegeEscalation") == "false", $"{where}: may escalate");
                Assert.Equal(["ALL"], Scalars(container, "securityContext", "capabilities", "drop"));
                Assert.Contains(Sequence(container, "volumeMounts"), m => Scalar(m, "name") == "tmp" && Scalar(m, "mountPath") == "/tmp");
                Assert.False(string.IsNullOrEmpty(Scalar(container, "resources", "requests", "memory")), $"{where}: no memory request");
            }
        }
    }

    [Fact]
    public async Task At_least_two_web_pods_serve_and_a_disruption_budget_keeps_one_through_a_drain()
    {
        var documents = _chart.Documents();
        var deployment = Assert.Single(documents, d => Scalar(d, "kind") == "Deployment");
        var autoscaler = Assert.Single(documents, d => Scalar(d, "kind") == "HorizontalPodAutoscaler");
        var budget = Assert.Single(documents, d => Scalar(d, "kind") == "PodDisruptionBudget");

        // The autoscaler owns the replica count, so the Deployment names none.
        Assert.Null(Child(deployment, "spec", "replicas"));
        Assert.True(int.Parse(Scalar(autoscaler, "spec", "minReplicas")!, CultureInfo.InvariantCulture) >= 2);
        Assert.Equal(Scalar(deployment, "metadata", "name"), Scalar(autoscaler, "spec", "scaleTargetRef", "name"));
        Assert.Equal("1", Scalar(budget, "spec", "minAvailable"));
        Assert.Equal(Labels(deployment, "spec", "selector", "matchLabels"), Labels(budget, "spec", "selector", "matchLabels"));
        Assert.False(string.IsNullOrEmpty(Scalar(FirstContainer(deployment), "resources", "requests", "cpu")), "the CPU autoscaler needs a CPU request");

        var fixedCount = await RenderedChart.RenderAsync("--set", "autoscaling.enabled=false");
        Assert.Equal("2", Scalar(Assert.Single(fixedCount, d => Scalar(d, "kind") == "Deployment"), "spec", "replicas"));
    }

    [Fact]
    public async Task The_network_policy_admits_the_ingress_controller_and_prometheus_and_lets_out_dns_postgres_smtp_and_https_only()
    {
        var documents = _chart.Documents();
        var deployment = Assert.Single(documents, d => Scalar(d, "kind") == "Deployment");
        var policy = Assert.Single(documents, d => Scalar(d, "kind") == "NetworkPolicy");
        Assert.Equal(Labels(deployment, "spec", "selector", "matchLabels"), Labels(policy, "spec", "podSelector", "matchLabels"));

        var admitted = Sequence(policy, "spec", "ingress").Select(rule =>
            Scalar(Assert.Single(Sequence(rule, "from")), "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name") + " -> " +
            Scalar(Assert.Single(Sequence(rule, "ports")), "port"));
        Assert.Equal(["ingress-nginx -> http", "monitoring -> metrics"], admitted);
        var web = FirstContainer(deployment);
        Assert.Equal("9464", Scalar(Assert.Single(Sequence(web, "ports"), p => Scalar(p, "name") == "metrics"), "containerPort"));
        Assert.Equal("9464", Scalar(EnvVar(web, "Observability__MetricsPort"), "value"));

        var egressPorts = Sequence(policy, "spec", "egress").SelectMany(rule => Sequence(rule, "ports"))
            .Select(p => $"{Scalar(p, "protocol")}/{Scalar(p, "port")}").Order(StringComparer.Ordinal);
        Assert.Equal(["TCP/443", "TCP/53", "TCP/5432", "TCP/587", "UDP/53"], egressPorts);

        // Anywhere on PostgreSQL's port unless the database's CIDRs or namespace are given.
        var values = Path.Combine(Path.GetTempPath(), $"cara-values-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(values, "networkPolicy:\n  database:\n    cidrs: [10.20.0.0/16]\n    namespace: databases\n");
        var pinned = await RenderedChart.RenderAsync("-f", values);
        File.Delete(values);
        var database = Sequence(Assert.Single(pinned, d => Scalar(d, "kind") == "NetworkPolicy"), "spec", "egress")
            .Single(rule => Sequence(rule, "ports").Any(p => Scalar(p, "port") == "5432"));
        var to = Sequence(database, "to").ToList();
        Assert.Equal(2, to.Count);
        Assert.Equal("10.20.0.0/16", Scalar(to[0], "ipBlock", "cidr"));
        Assert.Equal("databases", Scalar(to[1], "namespaceSelector", "matchLabels", "kubernetes.io/metadata.name"));
    }

    [Fact]
    public async Task Materials_are_a_shared_volume_by_default_and_an_s3_bucket_with_its_keys_from_a_secret_otherwise()
    {
        var documents = _chart.Documents();
        var deployment = Assert.Single(documents, d => Scalar(d, "kind") == "Deployment");
        var container = FirstContainer(deployment);
        var claim = Assert.Single(documents, d => Scalar(d, "kind") == "PersistentVolumeClaim");
        Assert.Equal(["ReadWriteMany"], Scalars(claim, "spec", "accessModes"));
        Assert.Equal("keep", Scalar(claim, "metadata", "annotations", "helm.sh/resource-policy"));
        Assert.Equal("FileSystem", Scalar(EnvVar(container, "Materials__Store"), "value"));
        var root = Scalar(EnvVar(container, "Materials__FileSystem__Root"), "value");
        var mount = Assert.Single(Sequence(container, "volumeMounts"), m => Scalar(m, "mountPath") == root);
        var volume = Assert.Single(Sequence(deployment, "spec", "template", "spec", "volumes"), v => Scalar(v, "name") == Scalar(mount, "name"));
        Assert.Equal(Scalar(claim, "metadata", "name"), Scalar(volume, "persistentVolumeClaim", "claimName"));

        var s3 = await RenderedChart.RenderAsync(S3Values);
        Assert.DoesNotContain(s3, d => Scalar(d, "kind") == "PersistentVolumeClaim");
        var s3Container = FirstContainer(Assert.Single(s3, d => Scalar(d, "kind") == "Deployment"));
        Assert.Equal("S3", Scalar(EnvVar(s3Container, "Materials__Store"), "value"));
        Assert.Equal("cara-materials", Scalar(EnvVar(s3Container, "Materials__S3__Bucket"), "value"));
        Assert.Equal("https://s3.example.org", Scalar(EnvVar(s3Container, "Materials__S3__ServiceUrl"), "value"));
        Assert.Equal("true", Scalar(EnvVar(s3Container, "Materials__S3__ForcePathStyle"), "value"));
        foreach (var key in new[] { "Materials__S3__AccessKey", "Materials__S3__SecretKey" })
            Assert.Equal("cara-s3", Scalar(EnvVar(s3Container, key), "valueFrom", "secretKeyRef", "name"));
        Assert.DoesNotContain(Sequence(s3Container, "volumeMounts"), m => Scalar(m, "mountPath") == root);

        var unknown = await RenderedChart.RunRenderAsync("--set", "materials.store=Floppy");
        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("materials.store must be FileSystem or S3", unknown.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public void Webhook_signing_secrets_come_from_one_secret_by_the_names_the_tenant_files_give()
    {
        var container = FirstContainer(Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Deployment"));
        var source = Assert.Single(Sequence(container, "envFrom"));

        // Webhooks__Secrets__<secretName> is the configuration key Webhooks:Secrets:<secretName> (WebhookSecrets).
        Assert.Equal("Webhooks__Secrets__", Scalar(source, "prefix"));
        Assert.Equal("cara-webhooks", Scalar(source, "secretRef", "name"));
        Assert.Equal(WebhookSecrets.Section.Replace(":", "__", StringComparison.Ordinal) + "__", Scalar(source, "prefix"));
    }

    [Fact]
    public void Migration_job_runs_the_migrations_bundle_as_the_owner_before_migrate()
    {
        var job = Assert.Single(_chart.Documents(), d => Scalar(d, "kind") == "Job");
        var bundle = Assert.Single(Sequence(job, "spec", "template", "spec", "initContainers"));

        Assert.Equal(["/app/efbundle"], Scalars(bundle, "command"));
        var owner = EnvVar(bundle, "CARA_DB_OWNER");
        Assert.Equal("cara-database", Scalar(owner, "valueFrom", "secretKeyRef", "name"));
        Assert.Equal("owner", Scalar(owner, "valueFrom", "secretKeyRef", "key"));
        Assert.Equal(["migrate"], Scalars(FirstContainer(job), "args"));
    }

    [Fact]
    public async Task Every_rendered_manifest_is_valid_against_the_kubernetes_schemas_by_default_and_with_s3()
    {
        var validator = Path.Combine(RenderedChart.RepositoryRoot, "tools", "k8s-validate");
        if (!Directory.Exists(Path.Combine(validator, "node_modules")))
        {
            var install = await RenderedChart.RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"], validator);
            Assert.True(install.ExitCode == 0, $"npm ci in tools/k8s-validate failed:\n{install.StandardError}");
        }

        _chart.AssertRendered();
        var s3 = await RenderedChart.RunRenderAsync(S3Values);
        foreach (var (name, output) in new[] { ("default", _chart.Output), ("S3", s3.StandardOutput) })
        {
            var manifests = Path.Combine(Path.GetTempPath(), $"cara-chart-{Guid.NewGuid():N}.yaml");
            await File.WriteAllTextAsync(manifests, output);
            try
            {
                var result = await RenderedChart.RunAsync("node", [Path.Combine(validator, "validate.mjs"), manifests], validator);
                Assert.True(result.ExitCode == 0, $"{name} values:\n{result.StandardOutput}{result.StandardError}");
                Assert.Equal(RenderedChart.Parse(output).Count, Regex.Count(result.StandardOutput, ": valid$", RegexOptions.Multiline, TimeSpan.FromSeconds(5)));
            }
            finally
            {
                File.Delete(manifests);
            }
        }
    }

    [Fact]
    public async Task Kubectl_kustomize_builds_the_rendered_manifests_where_kubectl_is_installed()
    {
        // kubectl reads manifests offline in kustomize; apply --dry-run=client needs an API server, which we lack.
        var kubectl = FindOnPath("kubectl");
        if (kubectl is null)
        {
            return;
        }

        var folder = Directory.CreateTempSubdirectory("cara-kustomize-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "chart.yaml"), _chart.Output);
            await File.WriteAllTextAsync(Path.Combine(folder, "kustomization.yaml"), "resources:\n  - chart.yaml\n");
            var result = await RenderedChart.RunAsync(kubectl, ["kustomize", folder], folder);

            Assert.True(result.ExitCode == 0, result.StandardError);
            Assert.Equal(
                _chart.Documents().Select(d => $"{Scalar(d, "kind")}/{Scalar(d, "metadata", "name")}").Order(StringComparer.Ordinal),
                RenderedChart.Parse(result.StandardOutput).Select(d => $"{Scalar(d, "kind")}/{Scalar(d, "metadata", "name")}").Order(StringComparer.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<YamlMappingNode> Sequence(YamlNode node, params string[] path) =>
        (Child(node, path) as YamlSequenceNode)?.Children.OfType<YamlMappingNode>() ?? [];

    private static List<string?> Scalars(YamlNode node, params string[] path) =>
        [.. ((Child(node, path) as YamlSequenceNode)?.Children ?? []).Select(n => (n as YamlScalarNode)?.Value)];

    private static Dictionary<string, string?> Labels(YamlNode node, params string[] path) =>
        Assert.IsType<YamlMappingNode>(Child(node, path)).Children.ToDictionary(e => e.Key.ToString(), e => (e.Value as YamlScalarNode)?.Value);

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
            var result = await RunRenderAsync();
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

        /// <summary>Renders the chart with <paramref name="options"/> (such as --set key=value) besides values.yaml.</summary>
        public static Task<ProcessResult> RunRenderAsync(params string[] options) =>
            RunAsync("bash", [Path.Combine(RepositoryRoot, "tools", "helm-render", "render.sh"), ChartPath, .. options], RepositoryRoot);

        /// <summary>The chart's manifests with <paramref name="options"/>, which must render.</summary>
        public static async Task<List<YamlMappingNode>> RenderAsync(params string[] options)
        {
            var result = await RunRenderAsync(options);
            Assert.True(result.ExitCode == 0, $"render.sh {string.Join(' ', options)}:\n{result.StandardError}");
            return Parse(result.StandardOutput);
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
