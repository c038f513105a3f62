using System.Security.Cryptography.X509Certificates;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>Certificates made in the tests, as a deployment's secret store would hold them.</summary>
public static class TestCertificates
{
    /// <summary>A self-signed certificate with its private key, as base64 PKCS#12 (what configuration holds).</summary>
    public static string Pkcs12Base64(string subject, string? password = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return Convert.ToBase64String(certificate.Export(X509ContentType.Pkcs12, password));
    }
}
