using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.VictimContact;

/// <summary>
/// The victim's answer on whether the person who caused harm has changed since a workshop, for the national measures:
/// the workshop, the answer and the referral's force only. Never a name, a note or anything typed, and no referral id,
/// so the answer cannot be traced back to a victim outside the tenant. Police notices ignore it (DESIGN.md §1).
/// </summary>
[DomainEvent("victim.change-reported", 1)]
public sealed record VictimChangeReported(Guid EntryId, string ForceCode, WorkshopNumber Workshop, ReportedChange Change, DateTimeOffset OccurredAt)
    : IDomainEvent
{
    Guid IDomainEvent.AggregateId => EntryId;
}

/// <summary>
/// The services a victim was signposted to (codes from the fixed list), for the national measures; as
/// <see cref="VictimChangeReported"/>, nothing else about the victim.
/// </summary>
[DomainEvent("victim.signposted", 1)]
public sealed record VictimSignposted(Guid EntryId, string ForceCode, IReadOnlyList<string> Services, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => EntryId;
}
