using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CaraPlatform.Web.Platform;

/// <summary>A feature's example requests and responses for the OpenAPI document, kept beside the feature.</summary>
public interface IOpenApiExamples
{
    IReadOnlyDictionary<Type, object> Examples { get; }
}

/// <summary>Puts each feature's examples on their schemas, serialized exactly as the API writes JSON.</summary>
internal sealed class ExampleSchemaFilter(IOptions<JsonOptions> json) : ISchemaFilter
{
    // Unset fields are left out, as a caller would: a null for an enum reference is not valid OpenAPI 3.0.
    private readonly JsonSerializerOptions options = new(json.Value.SerializerOptions)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly Lazy<Dictionary<Type, object>> Examples = new(() =>
        typeof(ExampleSchemaFilter).Assembly.GetTypes()
            .Where(t => typeof(IOpenApiExamples).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => ((IOpenApiExamples)Activator.CreateInstance(t)!).Examples)
            .ToDictionary(e => e.Key, e => e.Value));

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is OpenApiSchema concrete && Examples.Value.TryGetValue(context.Type, out var example))
            concrete.Examples = [JsonNode.Parse(JsonSerializer.Serialize(example, context.Type, options))!];
    }
}
