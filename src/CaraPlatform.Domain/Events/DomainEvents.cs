namespace CaraPlatform.Domain.Events;

/// <summary>
/// Something that happened to one aggregate which other parts of the system may need to learn of (the police, and
/// later the national picture). The data layer writes each one to the tenant's event stream in the same transaction
/// as the change, so an event exists exactly when its change does. One record type per event type, named and
/// versioned by <see cref="DomainEventAttribute"/>; a record holds facts, never the offender's or victim's details.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The referral, run, feedback or membership the event is about.</summary>
    Guid AggregateId { get; }

    DateTimeOffset OccurredAt { get; }
}

/// <summary>
/// The stable name and the payload version of an event type, e.g. <c>referral.returned-ineligible</c>, 1. Stored
/// events are read back by them, so a change to a record's shape that old readers cannot follow takes a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DomainEventAttribute(string type, int version) : Attribute
{
    public string Type { get; } = type;

    public int Version { get; } = version;
}

/// <summary>An aggregate that records its events as its methods change it; the data layer writes them on save and clears them.</summary>
public interface IRaisesDomainEvents
{
    IReadOnlyList<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}
