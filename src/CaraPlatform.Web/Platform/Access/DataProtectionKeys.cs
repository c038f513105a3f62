using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// ASP.NET Core Data Protection, whose keys encrypt victim details and protect cookies and antiforgery tokens. The keys
/// live in the database, so that every replica shares them, each encrypted with a key-encryption certificate that the
/// database does not hold: a dump, or the application role's credentials, open nothing without it. Previous
/// certificates still open the keys written under them while a new one takes over (README: rotating it).
/// Development makes a certificate on first run and keeps it under .cara/.
/// </summary>
public static class DataProtectionKeys
{
    public const string ApplicationName = "cara-platform";

    /// <summary>The certificate new keys are encrypted with (see <see cref="ConfiguredCertificate"/> for its settings).</summary>
    public const string CertificateKey = "DataProtection:Certificate";

    /// <summary>A list; each entry takes Certificate, CertificatePath and CertificatePassword as the current one does.</summary>
    public const string PreviousCertificatesKey = "DataProtection:PreviousCertificates";

    /// <summary>Overrides where Development keeps the certificate it makes (the tests keep theirs outside the checkout).</summary>
    public const string DevelopmentCertificatePathKey = "DataProtection:DevelopmentCertificatePath";

    public static void AddCaraDataProtection(this WebApplicationBuilder builder)
    {
        var (configuration, environment) = (builder.Configuration, builder.Environment);
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName).PersistKeysToDbContext<CaraDbContext>();

        // Outside Development a web host without the certificate never starts (RequiredSettings names it); the
        // migration job builds the same host without it, and never starts it or uses a key.
        var given = ConfiguredCertificate.IsGiven(configuration, CertificateKey);
        if (!given && !environment.IsDevelopment()) return;

        var current = given
            ? ConfiguredCertificate.Load(configuration, CertificateKey)
            : DevelopmentCertificate(configuration[DevelopmentCertificatePathKey] is { Length: > 0 } path
                ? path
                : Path.Combine(HostCommands.DevelopmentFolder(environment, "data-protection"), "key-encryption.pfx"));
        X509Certificate2[] previous = [.. CertificateKeys(configuration).Skip(1).Select(key => ConfiguredCertificate.Load(configuration, key))];
        dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
    }

    /// <summary>The configuration key of every certificate given: the current one, then each previous one.</summary>
    public static IEnumerable<string> CertificateKeys(IConfiguration configuration) =>
        [CertificateKey, .. configuration.GetSection(PreviousCertificatesKey).GetChildren().Select(c => c.Path + ":Certificate")];

    /// <summary>
    /// Encrypts every stored key's secret with the current certificate, as the key manager encrypts a new key's: keys
    /// stored in plain text (before keys were encrypted at rest) and keys encrypted with a previous certificate (opened
    /// with it, so it must still be configured). Afterwards only the current certificate is needed. Needs UPDATE, which
    /// only the owner role has: the <c>protect-keys</c> command runs it. Returns how many keys it wrote.
    /// </summary>
    public static async Task<int> ProtectStoredKeysAsync(
        CaraDbContext db, IXmlEncryptor encryptor, IXmlDecryptor decryptor, CancellationToken cancellationToken = default)
    {
        XNamespace dataProtection = "http://schemas.asp.net/2015/03/dataProtection";
        var keys = await db.DataProtectionKeys.Where(k => k.Xml != null).ToListAsync(cancellationToken);
        foreach (var key in keys)
        {
            var element = XElement.Parse(key.Xml!);
            foreach (var encrypted in element.Descendants(dataProtection + "encryptedSecret").ToList())
                encrypted.ReplaceWith(decryptor.Decrypt(encrypted.Elements().Single()));
            foreach (var secret in element.Descendants().Where(e => (bool?)e.Attribute(dataProtection + "requiresEncryption") == true).ToList())
            {
                var info = encryptor.Encrypt(secret);
                secret.ReplaceWith(new XElement(dataProtection + "encryptedSecret",
                    new XAttribute("decryptorType", info.DecryptorType.AssemblyQualifiedName!), info.EncryptedElement));
            }

            key.Xml = element.ToString(SaveOptions.DisableFormatting);
        }

        await db.SaveChangesAsync(cancellationToken);
        return keys.Count;
    }

    /// <summary>The certificate kept at <paramref name="path"/>, made on first run.</summary>
    private static X509Certificate2 DevelopmentCertificate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            using var rsa = RSA.Create(3072);
            var request = new CertificateRequest("CN=CARA Platform development key encryption", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var now = TimeProvider.System.GetUtcNow();
            using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));
            // Written aside and moved into place, so that a host starting alongside never reads half a file.
            var written = $"{path}.{Guid.NewGuid():N}.tmp";
            File.WriteAllBytes(written, certificate.Export(X509ContentType.Pkcs12));
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(written, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            try
            {
                File.Move(written, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(written);
            }
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, null, X509KeyStorageFlags.EphemeralKeySet);
    }
}
