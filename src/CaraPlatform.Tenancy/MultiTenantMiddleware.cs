using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CaraPlatform.Tenancy;

/// <summary>
/// Resolves the tenant of each request and makes it current for the rest of the pipeline. An endpoint whose
/// route holds the tenant parameter is never run without its tenant: an unknown or suspended tenant is 404.
/// Runs after routing, so that the route value and the endpoint are known.
/// </summary>
internal sealed class MultiTenantMiddleware<TTenantInfo>(
    RequestDelegate next,
    IEnumerable<IMultiTenantStrategy> strategies,
    IMultiTenantStore<TTenantInfo> store,
    IMultiTenantContextSetter<TTenantInfo> setter,
    RouteStrategy? routeStrategy = null)
    where TTenantInfo : class, ITenantInfo
{
    private readonly IMultiTenantStrategy[] _strategies = [.. strategies.OrderBy(s => s.Priority)];

    public async Task InvokeAsync(HttpContext context)
    {
        var routeNamesTenant = routeStrategy is not null
            && context.GetEndpoint() is RouteEndpoint endpoint
            && endpoint.RoutePattern.GetParameter(routeStrategy.RouteParameterName) is not null;

        TTenantInfo? tenant = null;
        string? strategyName = null;
        foreach (var strategy in _strategies)
        {
            var identifier = await strategy.GetIdentifierAsync(context);
            if (string.IsNullOrEmpty(identifier)) continue;
            tenant = await store.TryGetByIdentifierAsync(identifier, context.RequestAborted);
            strategyName = strategy.Name;
            break;
        }

        if (routeNamesTenant && tenant is null)
        {
            await WriteTenantNotFound(context);
            return;
        }

        using (setter.BeginScope(tenant, strategyName))
        {
            await next(context);
        }
    }

    private static async Task WriteTenantNotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        var problems = context.RequestServices.GetService<IProblemDetailsService>();
        var problem = new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status404NotFound,
            Title = "Tenant not found",
            Detail = "No active tenant has this identifier.",
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        };
        if (problems is null || !await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }
}

public static class MultiTenantApplicationBuilderExtensions
{
    /// <summary>Adds tenant resolution. Call after <c>UseRouting</c> and before authentication.</summary>
    public static IApplicationBuilder UseMultiTenant<TTenantInfo>(this IApplicationBuilder app)
        where TTenantInfo : class, ITenantInfo =>
        app.UseMiddleware<MultiTenantMiddleware<TTenantInfo>>();
}
