using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// A certificate with its private key from configuration: <c>{key}</c> holds a PKCS#12 file as base64 text (an
/// environment variable from a Secret), or <c>{key}Path</c> names the file (a Secret mounted as a volume), with an
/// optional <c>{key}Password</c>.
/// </summary>
public static class ConfiguredCertificate
{
    public static bool IsGiven(IConfiguration configuration, string key) =>
        configuration[key] is { Length: > 0 } || configuration[key + "Path"] is { Length: > 0 };

    /// <summary>The certificate; when it cannot be had, an exception whose message names the setting at fault.</summary>
    public static X509Certificate2 Load(IConfiguration configuration, string key)
    {
        var password = configuration[key + "Password"] is { Length: > 0 } given ? given : null;
        var (base64, path) = (configuration[key], configuration[key + "Path"]);
        var setting = base64 is { Length: > 0 } ? key
            : path is { Length: > 0 } ? key + "Path"
            : throw new InvalidOperationException(
                $"{key} is not set: give a PKCS#12 certificate as base64 text, or {key}Path naming the file (with {key}Password if it has one).");
        X509Certificate2 certificate;
        try
        {
            certificate = setting == key
                ? X509CertificateLoader.LoadPkcs12(Convert.FromBase64String(base64!), password, X509KeyStorageFlags.EphemeralKeySet)
                : X509CertificateLoader.LoadPkcs12FromFile(path!, password, X509KeyStorageFlags.EphemeralKeySet);
        }
        catch (Exception e) when (e is FormatException or CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"{setting} cannot be read as a PKCS#12 certificate: {e.Message}", e);
        }

        if (certificate.HasPrivateKey) return certificate;
        certificate.Dispose();
        throw new InvalidOperationException($"{setting} holds a certificate without its private key.");
    }
}
