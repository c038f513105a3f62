using CaraPlatform.Domain.Audit;

namespace CaraPlatform.Web.Tests.Support;

/// <summary>
/// The audit rows a person wrote, read across tenants as the database owner. Tests act as a fresh person, so that the
/// rows an action adds are those of that person since before it, whatever other tests write.
/// </summary>
public static class AuditRows
{
    public static async Task<List<AuditEvent>> ByAsync(CaraPlatformFixture fixture, Guid actorUserId)
    {
        await using var owner = fixture.Database.SuperuserContext();
        return await owner.AuditEvents.Where(e => e.ActorUserId == actorUserId).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id).ToListAsync();
    }

    /// <summary>The rows <paramref name="actorUserId"/> wrote while <paramref name="act"/> ran.</summary>
    public static async Task<List<AuditEvent>> AddedAsync(CaraPlatformFixture fixture, Guid actorUserId, Func<Task> act)
    {
        var before = (await ByAsync(fixture, actorUserId)).Select(e => e.Id).ToHashSet();
        await act();
        return [.. (await ByAsync(fixture, actorUserId)).Where(e => !before.Contains(e.Id))];
    }
}
