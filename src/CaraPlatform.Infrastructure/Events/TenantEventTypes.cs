using System.Reflection;
using System.Text.Json;
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

    public static IDomainEvent? Deserialize(string type, int version, string payload) =>
        TypeOf.TryGetValue((type, version), out var clrType) ? (IDomainEvent?)JsonSerializer.Deserialize(payload, clrType, Json) : null;

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
