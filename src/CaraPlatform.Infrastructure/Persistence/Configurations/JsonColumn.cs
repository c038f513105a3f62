using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CaraPlatform.Infrastructure.Persistence.Configurations;

/// <summary>
/// A domain value kept whole in one jsonb column (answers, a timeline): read and written as a unit, never queried
/// by its parts. Registered as a convention so that EF Core never mistakes the value's records for entities.
/// </summary>
internal static class JsonColumn
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };
}

internal sealed class JsonColumnConverter<T>() : ValueConverter<T, string>(
    v => JsonSerializer.Serialize(v, JsonColumn.Options),
    s => JsonSerializer.Deserialize<T>(s, JsonColumn.Options)!);

/// <summary>Compares by JSON, so a change inside a collection is noticed.</summary>
internal sealed class JsonColumnComparer<T>() : ValueComparer<T>(
    (a, b) => JsonSerializer.Serialize(a, JsonColumn.Options) == JsonSerializer.Serialize(b, JsonColumn.Options),
    v => JsonSerializer.Serialize(v, JsonColumn.Options).GetHashCode(StringComparison.Ordinal),
    v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, JsonColumn.Options), JsonColumn.Options)!);
