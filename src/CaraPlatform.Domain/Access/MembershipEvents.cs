using CaraPlatform.Domain.Events;

namespace CaraPlatform.Domain.Access;

[DomainEvent("member.added", 1)]
public sealed record MemberAdded(Guid MembershipId, Guid UserId, IReadOnlyList<TenantRole> Roles, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => MembershipId;
}

[DomainEvent("member.roles-changed", 1)]
public sealed record MemberRolesChanged(Guid MembershipId, Guid UserId, IReadOnlyList<TenantRole> Roles, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => MembershipId;
}

[DomainEvent("member.removed", 1)]
public sealed record MemberRemoved(Guid MembershipId, Guid UserId, DateTimeOffset OccurredAt) : IDomainEvent
{
    Guid IDomainEvent.AggregateId => MembershipId;
}
