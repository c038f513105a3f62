using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaraPlatform.Tenancy;

/// <summary>Finds a tenant identifier in a request, as Finbuckle's <c>IMultiTenantStrategy</c>.</summary>
public interface IMultiTenantStrategy
{
    /// <summary>Lower runs first.</summary>
    int Priority { get; }

    string Name { get; }

    Task<string?> GetIdentifierAsync(HttpContext context);
}

/// <summary>The tenant from the route value (<c>/api/v1/tenants/{tenant}/…</c>, <c>/t/{tenant}/…</c>).</summary>
public sealed class RouteStrategy(string routeParameterName) : IMultiTenantStrategy
{
    public int Priority => 0;

    public string Name => "route";

    public string RouteParameterName => routeParameterName;

    public Task<string?> GetIdentifierAsync(HttpContext context) =>
        Task.FromResult(context.GetRouteValue(routeParameterName) as string);
}

/// <summary>
/// The tenant from the host name, for deployments that give each tenant its own host. The template holds
/// <c>{tenant}</c> where the identifier stands, e.g. <c>{tenant}.cara.example.org</c>.
/// </summary>
public sealed class HostStrategy : IMultiTenantStrategy
{
    private readonly Regex _pattern;

    public HostStrategy(string template)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(template);
        if (!template.Contains("{tenant}", StringComparison.Ordinal))
            throw new ArgumentException("The host template must contain {tenant}.", nameof(template));
        var regex = "^" + Regex.Escape(template).Replace(@"\{tenant}", "(?<tenant>[a-z0-9-]+)", StringComparison.Ordinal) + "$";
        _pattern = new Regex(regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
    }

    public int Priority => 100;

    public string Name => "host";

    public Task<string?> GetIdentifierAsync(HttpContext context)
    {
        var match = _pattern.Match(context.Request.Host.Host);
        return Task.FromResult(match.Success ? match.Groups["tenant"].Value.ToLowerInvariant() : null);
    }
}
