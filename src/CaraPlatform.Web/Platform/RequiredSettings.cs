using CaraPlatform.Infrastructure;
using CaraPlatform.Infrastructure.Materials;
using CaraPlatform.Web.Platform.Mail;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Outside Development the host refuses to start while a setting a deployment must give is missing or unusable, and
/// names each one: left to the first request that needed it, a missing certificate answered 500 to everything,
/// health included. Checked after the <c>migrate</c> command has had its turn, so that the migration job, which builds
/// the same host, runs without the web pods' secrets; and before anything starts, since hosted services need some of them.
/// </summary>
public static class RequiredSettings
{
    public static void EnsureRequiredSettings(this WebApplication app)
    {
        if (app.Environment.IsDevelopment()) return;
        var problems = Problems(app.Configuration).ToList();
        if (problems.Count > 0)
            throw new InvalidOperationException("The host cannot start without these settings:\n- " + string.Join("\n- ", problems));
    }

    /// <summary>What is missing or wrong, one message per setting, each naming it.</summary>
    public static IEnumerable<string> Problems(IConfiguration configuration)
    {
        if (configuration.GetConnectionString(DependencyInjection.ApplicationConnection) is not { Length: > 0 })
            yield return $"ConnectionStrings:{DependencyInjection.ApplicationConnection} is not set: the application role's connection string.";

        foreach (var key in new[] { IdentitySetup.SigningCertificateKey, IdentitySetup.EncryptionCertificateKey }
            .Concat(DataProtectionKeys.CertificateKeys(configuration)))
        {
            if (CertificateProblem(configuration, key) is { } problem) yield return problem;
        }

        if (!IsAbsoluteUrl(configuration[PublicAddress.IssuerKey]))
            yield return $"{PublicAddress.IssuerKey} is not an absolute URL: the OpenID Connect issuer, such as https://cara.example.org/.";
        if (!IsAbsoluteUrl(configuration[PublicAddress.PublicUrlKey]))
            yield return $"{PublicAddress.PublicUrlKey} is not an absolute URL: the address people reach the service at, such as https://cara.example.org/.";
        if (PseudonymKey.Problem(configuration) is { } pseudonymKey) yield return pseudonymKey;
        foreach (var materials in MaterialStorageOptions.Problems(configuration)) yield return materials;
        if (configuration[$"{SmtpOptions.Section}:Host"] is not { Length: > 0 })
            yield return $"{SmtpOptions.Section}:Host is not set: the mail server that invitations and reminders are sent through.";
        if (configuration[PublicAddress.AllowedHostsKey] is not { Length: > 0 } hosts || hosts.Split(';').Any(h => h.Trim() == "*"))
        {
            yield return $"{PublicAddress.AllowedHostsKey} must name the host names served, such as cara.example.org;*.cara.example.org, " +
                "and not '*': a request naming any other host is refused.";
        }
    }

    private static string? CertificateProblem(IConfiguration configuration, string key)
    {
        try
        {
            ConfiguredCertificate.Load(configuration, key).Dispose();
            return null;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    private static bool IsAbsoluteUrl(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
