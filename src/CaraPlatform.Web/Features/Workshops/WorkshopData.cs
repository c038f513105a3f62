using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>What more than one workshop handler loads the same way: a run, its live bookings, who may see its participants.</summary>
internal static class WorkshopData
{
    /// <summary>The run, or 404 problem details: every read and change under a run answers a missing one alike.</summary>
    public static async Task<CourseRun> RunAsync(this CaraDbContext db, Guid runId, CancellationToken cancellationToken, bool track = false)
    {
        var runs = track ? db.CourseRuns : db.CourseRuns.AsNoTracking();
        return await runs.SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) ?? throw ProblemException.NotFound("Run not found");
    }

    /// <summary>
    /// Who a run's participants and registers are shown to: planners (Coordinator, ProviderAdmin), the run's own
    /// facilitators, and integration clients holding the scope. Another facilitator of the tenant gets 403.
    /// </summary>
    public static async Task CheckSeesParticipantsAsync(this CaraDbContext db, Guid runId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await db.RunAsync(runId, cancellationToken);
        if (user.PersonId() is not { } personId || run.IsFacilitator(personId)) return;
        var roles = await db.Memberships.AsNoTracking().Where(m => m.UserId == personId).Select(m => m.Roles).SingleOrDefaultAsync(cancellationToken) ?? [];
        if (roles.Contains(TenantRole.Coordinator) || roles.Contains(TenantRole.ProviderAdmin)) return;
        throw ProblemException.Forbidden("Only the run's facilitators and the tenant's coordinators see its participants and registers");
    }

    /// <summary>The run's live bookings with their referrals, tracked: what a change to the run or its register changes.</summary>
    public static async Task<List<(Booking Booking, Referral Referral)>> LiveBookingsAsync(this CaraDbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var bookings = await db.Bookings.Where(b => b.RunId == runId && b.Status == BookingStatus.Booked).ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.ReferralId).ToList();
        var referralsById = await db.Referrals.Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return bookings.Select(b => (b, referralsById[b.ReferralId])).ToList();
    }

    /// <summary>What the booking rules need to know of a referral.</summary>
    public static async Task<BookingCandidate> CandidateAsync(this CaraDbContext db, Referral referral, CancellationToken cancellationToken) => new(
        referral.Offender.Sex, referral.Offence.IsIpv, referral.Offender.PreferredLanguage, referral.Offender.InterpreterNeeded,
        referral.ConditionDeadline,
        await db.Bookings.AnyAsync(b => b.ReferralId == referral.Id && b.Status == BookingStatus.Booked, cancellationToken));
}
