using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// The web host as deployed: Production, behind a reverse proxy at 127.0.0.1, with every setting a deployment must
/// give (certificates made here). It listens on a real port, so that the address a request comes from is real:
/// <see cref="FromProxy"/> connects from 127.0.0.1, <see cref="FromElsewhere"/> from 127.0.0.2. It shares the test
/// database with the Development host, and so its data-protection keys and their key-encryption certificate (which
/// the Development host made when the fixture built it).
/// Made on first use by a test class (an xUnit class fixture cannot take the collection's fixture).
/// </summary>
public sealed class ProductionHost : IDisposable
{
    public const string PublicHost = "cara.example.org";
    public const string PublicUrl = "https://cara.example.org/";

    private WebApplicationFactory<Program>? _web;
    private string _baseUrl = "";

    /// <summary>Everything a Production host must be given besides the connection strings.</summary>
    public static Dictionary<string, string> RequiredSettings() => new()
    {
        ["OpenIddict:SigningCertificate"] = TestCertificates.Pkcs12Base64("CN=cara signing test"),
        ["OpenIddict:EncryptionCertificate"] = TestCertificates.Pkcs12Base64("CN=cara encryption test"),
        ["OpenIddict:Issuer"] = PublicUrl,
        ["Cara:PublicUrl"] = PublicUrl,
        ["AllowedHosts"] = $"{PublicHost};*.{PublicHost}",
        ["DataProtection:CertificatePath"] = CaraWebFactory.DataProtectionCertificatePath,
        ["Mail:Smtp:Host"] = "smtp.cara.invalid",
        ["National:PseudonymKey"] = Convert.ToBase64String(new byte[32]),
        ["Materials:FileSystem:Root"] = Path.Combine(Path.GetTempPath(), "cara-test-materials"),
    };

    public WebApplicationFactory<Program> Web(CaraPlatformFixture fixture)
    {
        if (_web is not null) return _web;
        var web = fixture.Web.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            foreach (var (key, value) in RequiredSettings()) b.UseSetting(key, value);
            b.UseSetting("ReverseProxy:KnownNetworks:0", "127.0.0.1/32");
            b.UseSetting("Referrals:Deadlines:Enabled", "false");
            // It shares the database: its dispatcher, with no mail server to reach, would hold back the other hosts' mail.
            b.UseSetting("Mail:Dispatch:Enabled", "false");
        });
        web.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        web.StartServer();
        _baseUrl = web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return _web = web;
    }

    /// <summary>A client connecting from the known proxy's address, asking for the public host.</summary>
    public HttpClient FromProxy(CaraPlatformFixture fixture) => Client(fixture, IPAddress.Loopback);

    /// <summary>A client connecting from an address no setting names.</summary>
    public HttpClient FromElsewhere(CaraPlatformFixture fixture) => Client(fixture, IPAddress.Parse("127.0.0.2"));

    public void Dispose() => _web?.Dispose();

    private HttpClient Client(CaraPlatformFixture fixture, IPAddress from)
    {
        Web(fixture);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Cookies are read from Set-Cookie and sent by hand: a cookie jar keeps Secure cookies from plain http.
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(from, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(_baseUrl) };
        client.DefaultRequestHeaders.Host = PublicHost;
        return client;
    }
}
