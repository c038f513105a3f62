using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Where the host is served from, when TLS ends at an ingress in front of it. X-Forwarded-Proto and X-Forwarded-For
/// are believed only from the proxies configuration names, and ignored from anyone else. Outside Development the Host
/// header counts only for <c>AllowedHosts</c> (ASP.NET Core's host filtering reads that setting and answers 400 to any
/// other), and what must name the service itself (the OpenID Connect issuer, links in emails) comes from configuration,
/// never from a request.
/// </summary>
public static class PublicAddress
{
    /// <summary>The address people reach the service at, e.g. https://cara.example.org/: the root of emailed links.</summary>
    public const string PublicUrlKey = "Cara:PublicUrl";

    /// <summary>The OpenID Connect issuer, usually the same as <see cref="PublicUrlKey"/>.</summary>
    public const string IssuerKey = "OpenIddict:Issuer";

    /// <summary>Host names served, separated by semicolons (<c>*.cara.example.org</c> allows subdomains).</summary>
    public const string AllowedHostsKey = "AllowedHosts";

    /// <summary>A list of proxy addresses whose forwarded headers are believed.</summary>
    public const string KnownProxiesKey = "ReverseProxy:KnownProxies";

    /// <summary>A list of networks in CIDR notation (e.g. the ingress controller's pod network) whose forwarded headers are believed.</summary>
    public const string KnownNetworksKey = "ReverseProxy:KnownNetworks";

    public static void AddPublicAddress(this WebApplicationBuilder builder)
    {
        IConfiguration configuration = builder.Configuration;
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: trust exactly what configuration names, and nothing when it names nothing.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            foreach (var (key, value) in Entries(configuration, KnownProxiesKey))
            {
                o.KnownProxies.Add(IPAddress.TryParse(value, out var address)
                    ? address
                    : throw new InvalidOperationException($"{key} is not an IP address: '{value}'."));
            }

            foreach (var (key, value) in Entries(configuration, KnownNetworksKey))
            {
                o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(value, out var network)
                    ? network
                    : throw new InvalidOperationException($"{key} is not a network in CIDR notation (such as 10.0.0.0/8): '{value}'."));
            }
        }).ValidateOnStart();

        // The antiforgery cookie is not Secure by default even over https; Always would refuse forms over plain http.
        builder.Services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>
    /// The root of links that leave the request, such as emailed invitations: the configured public URL, which
    /// <see cref="RequiredSettings"/> insists on outside Development; there, without one, the request's own address.
    /// </summary>
    public static Uri SiteRoot(HttpRequest request) =>
        request.HttpContext.RequestServices.GetRequiredService<IConfiguration>()[PublicUrlKey] is { Length: > 0 } configured
            ? new Uri(configured.EndsWith('/') ? configured : configured + "/")
            : new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");

    private static IEnumerable<(string Key, string Value)> Entries(IConfiguration configuration, string key) =>
        configuration.GetSection(key).GetChildren().Where(c => c.Value is { Length: > 0 }).Select(c => (c.Path, c.Value!.Trim()));
}
