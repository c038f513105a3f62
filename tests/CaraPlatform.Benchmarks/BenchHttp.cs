using System.Net.Http.Headers;

namespace CaraPlatform.Benchmarks;

/// <summary>
/// Requests as the host receives them when deployed: from its reverse proxy at 127.0.0.1, which names the public host
/// and says the client spoke HTTPS (X-Forwarded-Proto). The Production host trusts that proxy only, serves only its
/// public host name, and marks its cookies Secure; so cookies are kept here by hand, as the browser behind TLS would.
/// </summary>
internal static class BenchHttp
{
    public const string PublicHost = "cara.bench.test";

    /// <summary>The headers the proxy adds to every request, wrk's included.</summary>
    public static readonly IReadOnlyDictionary<string, string> ProxyHeaders = new Dictionary<string, string>
    {
        ["Host"] = PublicHost,
        ["X-Forwarded-Proto"] = "https",
    };

    /// <summary>A client through the proxy; with <paramref name="cookies"/>, one that keeps the cookies it is given, like a browser.</summary>
    public static HttpClient Client(BenchOptions options, string? bearer = null, CookieJar? cookies = null, int? connections = null)
    {
        HttpMessageHandler handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = connections ?? int.MaxValue };
        if (cookies is not null) handler = new CookieHandler(cookies) { InnerHandler = handler };
        var client = new HttpClient(handler) { BaseAddress = new Uri(options.BaseUrl) };
        foreach (var (name, value) in ProxyHeaders)
        {
            if (name == "Host") client.DefaultRequestHeaders.Host = value;
            else client.DefaultRequestHeaders.Add(name, value);
        }

        if (bearer is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return client;
    }

    /// <summary>Cookies by name, as sent back in a Cookie header.</summary>
    internal sealed class CookieJar
    {
        private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);

        public string Header => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

        public void Take(HttpResponseMessage response)
        {
            if (!response.Headers.TryGetValues("Set-Cookie", out var values)) return;
            foreach (var value in values)
            {
                var pair = value.Split(';', 2)[0].Split('=', 2);
                if (pair.Length == 2) _cookies[pair[0].Trim()] = pair[1].Trim();
            }
        }
    }

    private sealed class CookieHandler(CookieJar jar) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (jar.Header is { Length: > 0 } header) request.Headers.Add("Cookie", header);
            var response = await base.SendAsync(request, cancellationToken);
            jar.Take(response);
            return response;
        }
    }
}
