using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;

namespace CaraPlatform.Web.Platform.Access;

/// <summary>
/// OpenIddict compares redirect URIs exactly. RFC 8252 §7.3 asks more for native apps and scripts, which listen on an
/// ephemeral port of the loopback interface: a registered <c>http</c> redirect on a loopback IP literal
/// (<c>127.0.0.1</c>, <c>[::1]</c>) matches a requested one that differs only in its port. The name
/// <c>localhost</c> gets no such leeway (§8.3: it may resolve elsewhere).
/// </summary>
public sealed class LoopbackRedirectApplicationManager<TApplication>(
    IOpenIddictApplicationCache<TApplication> cache, ILogger<OpenIddictApplicationManager<TApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options, IOpenIddictApplicationStore<TApplication> store)
    : OpenIddictApplicationManager<TApplication>(cache, logger, options, store)
    where TApplication : class
{
    public override async ValueTask<bool> ValidateRedirectUriAsync(TApplication application, string uri, CancellationToken cancellationToken = default)
    {
        if (await base.ValidateRedirectUriAsync(application, uri, cancellationToken)) return true;
        if (LoopbackUri(uri) is not { } requested) return false;
        foreach (var registered in await GetRedirectUrisAsync(application, cancellationToken))
        {
            if (LoopbackUri(registered) is { } loopback && Uri.Compare(loopback, requested,
                UriComponents.Scheme | UriComponents.Host | UriComponents.PathAndQuery, UriFormat.UriEscaped, StringComparison.Ordinal) == 0)
                return true;
        }

        return false;
    }

    private static Uri? LoopbackUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback
            && uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && uri.UserInfo.Length == 0 && uri.Fragment.Length == 0
            ? uri
            : null;
}
