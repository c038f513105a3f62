using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Events;
using CaraPlatform.Domain.Workshops;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace CaraPlatform.Infrastructure.Events;

/// <summary>
/// Writes the domain events of a save into <c>tenant_events</c> as part of the same SaveChanges, so an event commits
/// or rolls back with the change it reports. Feature code never writes events by hand.
/// <para>
/// Events come from two places. Aggregates with behaviour (the referral, the victim-contact case) raise their own as their methods run
/// (<see cref="IRaisesDomainEvents"/>). Records that handlers change by setting properties (runs, feedback,
/// memberships) are read from the change tracker instead: a run added is scheduled, a run whose cancellation is set
/// is cancelled, a run with any other property changed (but its booked count) is changed.
/// </para>
/// </summary>
public sealed class TenantEventOutbox(TimeProvider clock) : BeforeSaveInterceptor
{
    /// <summary>Run properties that change with bookings or every save, not with what the run is.</summary>
    private static readonly HashSet<string> RunBookkeeping =
        [nameof(CourseRun.BookedCount), nameof(CourseRun.Version), nameof(CourseRun.UpdatedAt), nameof(CourseRun.CreatedAt)];

    protected override void BeforeSave(CaraDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var now = clock.GetUtcNow();
        var raised = new List<IDomainEvent>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.Entity is IRaisesDomainEvents aggregate)
            {
                raised.AddRange(aggregate.DomainEvents);
                aggregate.ClearDomainEvents();
            }
            else
            {
                raised.AddRange(EventsOfChange(entry, now));
            }
        }

        Guid? previous = null;
        foreach (var domainEvent in raised)
        {
            var id = NextId(domainEvent.OccurredAt, previous);
            db.TenantEvents.Add(TenantEventTypes.ToRow(domainEvent, id));
            previous = id;
        }
    }

    private static IEnumerable<IDomainEvent> EventsOfChange(EntityEntry entry, DateTimeOffset now) => (entry.Entity, entry.State) switch
    {
        (CourseRun run, EntityState.Added) => [new RunScheduled(RunFacts.Of(run), now)],
        (CourseRun run, EntityState.Modified) when run.CancelledAt is { } at && entry.Property(nameof(CourseRun.CancelledAt)).IsModified =>
            [new RunCancelled(run.Id, at, run.CancelReason)],
        (CourseRun run, EntityState.Modified) when entry.Properties.Any(p => p.IsModified && !RunBookkeeping.Contains(p.Metadata.Name))
            || entry.ComplexProperties.Any(p => p.IsModified) => [new RunChanged(RunFacts.Of(run), now)],
        (FeedbackResponse feedback, EntityState.Added) =>
            [new FeedbackRecorded(feedback.Id, feedback.RunId, feedback.ReferralId, feedback.Answers, feedback.RecordedAt, feedback.Stage)],
        (Membership member, EntityState.Added) => [new MemberAdded(member.Id, member.UserId, [.. member.Roles], now)],
        (Membership member, EntityState.Modified) when entry.Property(nameof(Membership.Roles)).IsModified =>
            [new MemberRolesChanged(member.Id, member.UserId, [.. member.Roles], now)],
        (Membership member, EntityState.Deleted) => [new MemberRemoved(member.Id, member.UserId, now)],
        _ => [],
    };

    /// <summary>
    /// A UUIDv7 of <paramref name="at"/> that sorts after <paramref name="previous"/>: events of one save keep the order
    /// they were raised in, even within one millisecond (where UUIDv7's random bits would otherwise decide).
    /// </summary>
    private static Guid NextId(DateTimeOffset at, Guid? previous)
    {
        var id = Guid.CreateVersion7(at);
        if (previous is not { } after || id.CompareTo(after) > 0) return id;
        var bytes = after.ToByteArray(bigEndian: true);
        // The last seven bytes are random (the eighth keeps the variant bits): counting up there keeps a valid v7.
        for (var i = 15; i >= 9; i--)
        {
            if (++bytes[i] != 0) break;
        }

        return new Guid(bytes, bigEndian: true);
    }
}
