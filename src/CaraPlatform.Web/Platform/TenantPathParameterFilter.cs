using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace CaraPlatform.Web.Platform;

/// <summary>
/// Documents the <c>{tenant}</c> route parameter. Handlers never bind it (the platform resolves the tenant), so
/// the API explorer does not see it; without this the document's paths would name a parameter they never define.
/// </summary>
internal sealed class TenantPathParameterFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (context.ApiDescription.RelativePath?.Contains("{tenant}", StringComparison.Ordinal) != true) return;
        operation.Parameters ??= [];
        if (operation.Parameters.Any(p => p.Name == "tenant")) return;
        operation.Parameters.Insert(0, new OpenApiParameter
        {
            Name = "tenant",
            In = ParameterLocation.Path,
            Required = true,
            Description = "The tenant's slug (the force area's CARA service), e.g. hampshire. Unknown or suspended: 404.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[a-z0-9]+(-[a-z0-9]+)*$", MaxLength = 63 },
        });
    }
}
