using System.Text.Json;
using System.Text.Json.Serialization;

namespace CaraPlatform.Infrastructure.Tenants;

/// <summary>How tenant definitions are written in files and in the tenants table's jsonb column.</summary>
public static class TenantDefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>One text per meaning, for telling whether a definition changed.</summary>
    public static string Canonical(TenantDefinition definition) => JsonSerializer.Serialize(definition, Options);
}
