using CaraPlatform.Domain.Training;
using CaraPlatform.Web.Features.Training.Contracts;

namespace CaraPlatform.Web.Features.Training;

/// <summary>A member of the service and where their training stands.</summary>
public sealed record StaffMemberTraining(Guid UserId, string Email, string DisplayName, IReadOnlyList<TenantRole> Roles,
    IReadOnlyList<StaffCourse> Courses, TrainingStanding? Worst);

/// <summary>The service's training page: its staff, the events it may nominate them for, its nominations, and whether the reader may nominate.</summary>
public sealed record TenantTrainingView(
    IReadOnlyList<StaffMemberTraining> Staff, IReadOnlyList<OpenTrainingEvent> Events, IReadOnlyList<StaffNomination> Nominations, bool CanNominate);

/// <summary>
/// The tenant side of training: its own members (read in the tenant's scope) and the licence holder's records of them,
/// only through <see cref="IStaffTraining"/>.
/// </summary>
public sealed class TenantStaffTraining(
    CaraDbContext db, UserManager<CaraUser> users, IMultiTenantContextAccessor<CaraTenantInfo> tenants, IStaffTraining training)
{
    public static readonly TenantRole[] Viewers = [TenantRole.ProviderAdmin, TenantRole.Coordinator];

    public const string ViewerPolicy = "TrainingViewer";

    public async Task<TenantTrainingView> ViewAsync(Guid reader, CancellationToken cancellationToken)
    {
        var members = await (from m in db.Memberships.AsNoTracking()
                             join u in users.Users on m.UserId equals u.Id
                             orderby u.Email
                             select new { m.UserId, u.Email, u.DisplayName, m.Roles }).ToListAsync(cancellationToken);
        var courses = await training.TrainingOfAsync([.. members.Select(m => m.UserId)], cancellationToken);
        var staff = members.ConvertAll(m => new StaffMemberTraining(m.UserId, m.Email ?? "", m.DisplayName, m.Roles, courses[m.UserId],
            courses[m.UserId].Count == 0 ? null : courses[m.UserId].Max(c => c.Standing)));
        return new TenantTrainingView(staff, await training.UpcomingEventsAsync(cancellationToken),
            await training.NominationsOfAsync(tenants.Current().TenantId, cancellationToken),
            members.Any(m => m.UserId == reader && m.Roles.Contains(TenantRole.Coordinator)));
    }

    /// <summary>A Coordinator puts a member of the service forward for an event; someone not a member is refused (404).</summary>
    public async Task NominateAsync(Guid eventId, Guid userId, Guid coordinator, CancellationToken cancellationToken)
    {
        if (await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == coordinator, cancellationToken) is not { } membership
            || !membership.Roles.Contains(TenantRole.Coordinator))
            throw ProblemException.Forbidden("Only a Coordinator nominates staff for training");
        if (!await db.Memberships.AnyAsync(m => m.UserId == userId, cancellationToken))
            throw ProblemException.NotFound("No such member of this service");
        await training.NominateAsync(eventId, userId, tenants.Current().TenantId, coordinator, cancellationToken);
    }
}
