using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Names in the document the one scope each operation needs, from the same requirement the authorization handlers
/// check, so that an integrator asks for the right scopes and the document cannot drift from what is enforced.
/// </summary>
internal sealed class ScopeRequirementFilter : IOperationFilter
{
    public const string SchemeName = "oauth2";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var requirements = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).ToList();
        var scope = requirements.OfType<TenantAccessRequirement>().Select(r => r.Scope)
            .Concat(requirements.OfType<PlatformAccessRequirement>().Select(r => r.Scope))
            .OfType<string>().SingleOrDefault();
        if (scope is null) return;
        operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [scope] }];
    }
}
