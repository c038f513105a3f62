using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CaraPlatform.Domain.Events;

namespace CaraPlatform.Infrastructure.Events;

/// <summary>
/// Every event type the domain declares, by its <see cref="DomainEventAttribute"/>, and how its payload is written and
/// read. A record type without the attribute, or two with the same name and version, are a programming error: the
/// first use throws, and a test reads every declared type back.
/// </summary>
public static class TenantEventTypes
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The property only an erased payload has.</summary>
    private const string ErasedMarker = "erased";

    private static readonly Dictionary<Type, DomainEventAttribute> NameOf = Declared();

    private static readonly Dictionary<(string Type, int Version), Type> TypeOf =
        NameOf.ToDictionary(d => (d.Value.Type, d.Value.Version), d => d.Key);

    /// <summary>The declared event types: record type, stable name and version.</summary>
    public static IReadOnlyDictionary<Type, DomainEventAttribute> All => NameOf;

    public static TenantEvent ToRow(IDomainEvent domainEvent, Guid id)
    {
        ArgumentNullException.ThrowIfNull(domainEvent);
        var declared = NameOf.TryGetValue(domainEvent.GetType(), out var found)
            ? found
            : throw new InvalidOperationException($"{domainEvent.GetType().Name} is not a declared event type.");
        return new TenantEvent
        {
            Id = id,
            Type = declared.Type,
            Version = declared.Version,
            OccurredAt = domainEvent.OccurredAt,
            AggregateId = domainEvent.AggregateId,
            Payload = JsonSerializer.Serialize(domainEvent, domainEvent.GetType(), Json),
        };
    }

    /// <summary>The event as its record type; null for a type or version this build does not know, or a payload erased by retention.</summary>
    public static IDomainEvent? Deserialize(string type, int version, string payload)
    {
        if (!TypeOf.TryGetValue((type, version), out var clrType)) return null;
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.TryGetProperty(ErasedMarker, out _) ? null : (IDomainEvent?)json.RootElement.Deserialize(clrType, Json);
    }

    /// <summary>
    /// The payload that replaces an event's when retention erases its case: what happened and when, and for an event
    /// about a referral the status it left it in, so the stream still tells the case's course without anyone's data.
    /// </summary>
    public static string ErasedPayload(TenantEvent tenantEvent)
    {
        ArgumentNullException.ThrowIfNull(tenantEvent);
        var status = JsonNode.Parse(tenantEvent.Payload)?["referral"]?["status"]?.GetValue<string>();
        var erased = new JsonObject
        {
            [ErasedMarker] = true,
            ["type"] = tenantEvent.Type,
            ["occurredAt"] = tenantEvent.OccurredAt,
        };
        if (status is not null) erased["status"] = status;
        return erased.ToJsonString();
    }

    private static Dictionary<Type, DomainEventAttribute> Declared()
    {
        var types = typeof(IDomainEvent).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IDomainEvent).IsAssignableFrom(t))
            .ToList();
        var undeclared = types.Where(t => t.GetCustomAttribute<DomainEventAttribute>() is null).Select(t => t.Name).ToList();
        if (undeclared.Count > 0)
            throw new InvalidOperationException($"Event types without [DomainEvent(name, version)]: {string.Join(", ", undeclared)}.");
        var declared = types.ToDictionary(t => t, t => t.GetCustomAttribute<DomainEventAttribute>()!);
        var twice = declared.GroupBy(d => (d.Value.Type, d.Value.Version)).Where(g => g.Count() > 1).Select(g => $"{g.Key.Type} v{g.Key.Version}").ToList();
        if (twice.Count > 0)
            throw new InvalidOperationException($"Event types declared more than once: {string.Join(", ", twice)}.");
        return declared;
    }
}
