using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// Finds a tenant's webhook signing secret by the name its tenant file gives. Tenant files never hold secrets
/// (DESIGN.md §2): the value comes from configuration <c>Webhooks:Secrets:&lt;name&gt;</c>, i.e. the secret store
/// (environment variable <c>Webhooks__Secrets__&lt;name&gt;</c>). Development makes one on first use and keeps it
/// under <c>.cara/webhook-secrets/</c>, so a developer can sign and verify without setting anything up.
/// </summary>
public sealed partial class WebhookSecrets(IConfiguration configuration, IHostEnvironment environment, ILogger<WebhookSecrets> logger)
{
    public const string Section = "Webhooks:Secrets";

    /// <summary>Overrides where Development keeps the secrets it makes (tests use a folder of their own).</summary>
    public const string DevelopmentFolderKey = "Webhooks:DevelopmentSecretsPath";

    private readonly Lock _gate = new();

    /// <summary>The secret, or null when it is not configured (logged; never the value).</summary>
    public string? Find(string secretName)
    {
        ArgumentException.ThrowIfNullOrEmpty(secretName);
        if (configuration[$"{Section}:{secretName}"] is { Length: > 0 } configured) return configured;
        if (!environment.IsDevelopment() || !SafeName().IsMatch(secretName))
        {
            logger.LogError(
                "The webhook signing secret {SecretName} is not configured: set {Key} (environment variable {Variable}). Deliveries that need it fail until it is.",
                secretName, $"{Section}:{secretName}", $"Webhooks__Secrets__{secretName}");
            return null;
        }

        return DevelopmentSecret(secretName);
    }

    private string DevelopmentSecret(string secretName)
    {
        var folder = configuration[DevelopmentFolderKey] is { Length: > 0 } configured
            ? configured
            : HostCommands.DevelopmentFolder(environment, "webhook-secrets");
        var path = Path.Combine(folder, secretName);
        lock (_gate)
        {
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } existing) return existing;

            Directory.CreateDirectory(folder);
            var secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
            File.WriteAllText(path, secret);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            logger.LogInformation(
                "Development: made the webhook signing secret {SecretName} and kept it in {Path}; give it to the receiver to verify signatures.",
                secretName, path);
            return secret;
        }
    }

    /// <summary>The tenant schema's rule for secret names; also keeps the name a plain file name.</summary>
    [GeneratedRegex("^[a-z0-9-]{1,63}$")]
    private static partial Regex SafeName();
}
