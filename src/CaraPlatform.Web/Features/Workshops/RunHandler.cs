using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Licences.Contracts;
using CaraPlatform.Web.Features.Materials.Contracts;
using CaraPlatform.Web.Features.Training.Contracts;
using CaraPlatform.Web.Features.VictimContact.Contracts;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>Which runs the API lists: by Workshop 1's date, the caller's own as facilitator, cancelled ones or not.</summary>
public sealed record RunFilter(DateOnly? From, DateOnly? To, Guid? FacilitatorId, bool IncludeCancelled);

/// <summary>A facilitator's runs: those not yet over, soonest first; then the past ones, latest first.</summary>
public sealed record FacilitatorRuns(IReadOnlyList<RunResponse> Upcoming, IReadOnlyList<RunResponse> Past);

/// <summary>What a run's form offers to choose from: the tenant's active venues and its facilitators.</summary>
public sealed record RunFormChoices(IReadOnlyList<VenueChoice> Venues, IReadOnlyList<FacilitatorChoice> Facilitators);

public sealed record VenueChoice(Guid Id, string Name, string Town, int Capacity);

public sealed record FacilitatorChoice(Guid Id, string Name, string? Email);

/// <summary>
/// Course runs, for the API and the portal: scheduling, changing and cancelling them, and the lists that show them.
/// A change that touches booked participants goes through each referral's own methods, so its timeline and the
/// police's notices follow from the same save.
/// </summary>
public sealed class RunHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, Actors actors, IFacilitatorCompetence competence, ITenantLicence licence,
    ITenantMaterials materials, AuditTrail audit, IVictimContactConflicts victimContact, TimeProvider clock)
{
    private CaraTenantInfo Tenant => tenants.Current();

    public async Task<RunResponse> ScheduleAsync(ScheduleRunRequest request, CancellationToken cancellationToken)
    {
        var run = new CourseRun
        {
            Cohort = request.Cohort!.Value,
            Language = request.Language!,
            Workshop1 = Session(request.Workshop1!),
            Workshop2 = Session(request.Workshop2!),
            Delivery = request.Delivery!.Value,
        };
        // Only new runs need a licence in force: runs already scheduled still take registers, changes and cancellation.
        if (await licence.RefusalToScheduleAsync(run.Workshop2.Date, cancellationToken) is { } refusal)
            throw ProblemException.Conflict(refusal, "A new course run needs the service's licence in force until its Workshop 2.", field: "licence");
        if (await materials.RefusalToScheduleAsync(cancellationToken) is { } unacknowledged)
            throw ProblemException.Conflict(unacknowledged, "A ProviderAdmin acknowledges the release on the Materials page; scheduling resumes at once.", field: "materials");
        await ApplyDetailsAsync(run, request, cancellationToken);
        if (run.Workshop1.StartsAt <= clock.GetUtcNow())
            throw ProblemException.Invalid([new RuleBreach("workshop1.date", "must be in the future")]);
        db.CourseRuns.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        return await DescribeAsync(run, cancellationToken);
    }

    /// <summary>
    /// Changes a run before it starts. Booked participants see the change on their timeline; one whose deadline the
    /// new dates miss loses the place and goes back to be booked again (the police are told if the deadline is at risk).
    /// </summary>
    public async Task<RunResponse> UpdateAsync(Guid runId, UpdateRunRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await db.RunAsync(runId, cancellationToken, track: true);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        if (run.Workshop1.StartsAt <= clock.GetUtcNow()) throw ProblemException.Conflict("The run has started: it can no longer be changed", field: "runId");
        db.Entry(run).Property(r => r.Version).OriginalValue = request.Version!.Value;
        if (run.BookedCount > 0 && (run.Cohort != request.Cohort || run.Language != request.Language))
            throw ProblemException.Conflict("Cohort and language cannot change once participants are booked", field: "cohort");

        var before = (run.Workshop1, run.Workshop2, run.VenueId, run.MeetingLink);
        // An edit checks the facilitators it brings onto the run, and all of them once the dates move. An edit of the
        // venue or places alone is not held up by a lapse since scheduling: the daily lapse job reports that, and
        // replacing the person is the fix, which must not be refused for the other facilitator's lapse.
        IReadOnlyCollection<Guid> cleared = run.Workshop1.Date == request.Workshop1!.Date && run.Workshop2.Date == request.Workshop2!.Date
            ? [.. run.FacilitatorIds]
            : [];
        run.Cohort = request.Cohort!.Value;
        run.Language = request.Language!;
        run.Workshop1 = Session(request.Workshop1!);
        run.Workshop2 = Session(request.Workshop2!);
        run.Delivery = request.Delivery!.Value;
        await ApplyDetailsAsync(run, request, cleared, cancellationToken);
        var participants = await db.Bookings.Where(b => b.RunId == run.Id && b.Status == BookingStatus.Booked).Select(b => b.ReferralId).ToListAsync(cancellationToken);
        await victimContact.RefuseConflictAsync(run.FacilitatorIds, participants, "facilitatorIds", cancellationToken);
        if (run.Capacity < run.BookedCount)
            throw ProblemException.Invalid([new RuleBreach("capacity", $"must be at least the {run.BookedCount} places already booked")]);

        if (before != (run.Workshop1, run.Workshop2, run.VenueId, run.MeetingLink))
        {
            var actor = await actors.OfAsync(user);
            var change = $"Run changed: Workshop 1 {run.Workshop1.Date:yyyy-MM-dd} {run.Workshop1.Start:HH\\:mm}, Workshop 2 {run.Workshop2.Date:yyyy-MM-dd} {run.Workshop2.Start:HH\\:mm}";
            foreach (var (booking, referral) in await db.LiveBookingsAsync(run.Id, cancellationToken))
            {
                if (run.Workshop2.Date > referral.ConditionDeadline)
                {
                    booking.Cancel($"{change}; Workshop 2 is after the deadline", clock.GetUtcNow());
                    run.BookedCount--;
                    referral.CancelBooking($"{change}; Workshop 2 is after the deadline {referral.ConditionDeadline:yyyy-MM-dd}: re-booking needed", Tenant.Settings, actor, clock);
                    audit.Stage(db, AuditEntries.By(user, AuditActions.BookingChanged, Tenant.TenantId, AuditEntries.Referral(referral.Id),
                        $"booking on run {run.Id} cancelled: the run's new dates miss the deadline"));
                }
                else
                {
                    referral.NoteRunChanged(change, actor, clock);
                    audit.Stage(db, AuditEntries.By(user, AuditActions.BookingChanged, Tenant.TenantId, AuditEntries.Referral(referral.Id), $"run {run.Id} changed"));
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return await DescribeAsync(run, cancellationToken);
    }

    /// <summary>Cancels the run: every booking ends and each referral goes back to be booked on another run.</summary>
    public async Task<RunResponse> CancelAsync(Guid runId, string reason, uint version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var run = await db.RunAsync(runId, cancellationToken, track: true);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is already cancelled", field: "runId");
        db.Entry(run).Property(r => r.Version).OriginalValue = version;
        var actor = await actors.OfAsync(user);
        var now = clock.GetUtcNow();
        foreach (var (booking, referral) in await db.LiveBookingsAsync(run.Id, cancellationToken))
        {
            booking.Cancel($"Run cancelled: {reason.Trim()}", now);
            referral.CancelBooking($"Run cancelled: {reason.Trim()}", Tenant.Settings, actor, clock);
            audit.Stage(db, AuditEntries.By(user, AuditActions.BookingChanged, Tenant.TenantId, AuditEntries.Referral(referral.Id), $"booking on run {run.Id} cancelled with the run"));
        }

        run.BookedCount = 0;
        run.CancelledAt = now;
        run.CancelReason = reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return await DescribeAsync(run, cancellationToken);
    }

    /// <summary>The run, or null when the tenant has none with this id.</summary>
    public async Task<RunResponse?> FindAsync(Guid runId, CancellationToken cancellationToken) =>
        await db.CourseRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, cancellationToken) is { } run
            ? await DescribeAsync(run, cancellationToken)
            : null;

    /// <summary>The API's list: by Workshop 1's date, at most 500.</summary>
    public async Task<List<RunResponse>> ListAsync(RunFilter filter, CancellationToken cancellationToken)
    {
        var query = db.CourseRuns.AsNoTracking();
        if (!filter.IncludeCancelled) query = query.Where(r => r.CancelledAt == null);
        if (filter.From is { } from) query = query.Where(r => r.Workshop1.Date >= from);
        if (filter.To is { } to) query = query.Where(r => r.Workshop1.Date <= to);
        if (filter.FacilitatorId is { } facilitatorId) query = query.Where(r => r.FacilitatorIds.Contains(facilitatorId));
        return await DescribeAsync(await query.OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Runs that would take the referral now: the cohort, language, deadline and seats all fit.</summary>
    public async Task<List<RunResponse>> ThatFitAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("fitsReferralId", "is not a referral of this tenant")]);
        var candidate = await db.CandidateAsync(referral, cancellationToken);
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var runs = await db.CourseRuns.AsNoTracking().Where(r => r.CancelledAt == null && r.Workshop1.Date >= today)
            .OrderBy(r => r.Workshop1.Date).ToListAsync(cancellationToken);
        return await DescribeAsync(runs.Where(r => BookingEligibility.Refusals(candidate, r, r.BookedCount, clock.GetUtcNow()).Count == 0).ToList(), cancellationToken);
    }

    /// <summary>The planners' calendar: runs not yet over (Workshop 2 today or later), cancelled ones too, by Workshop 1's date.</summary>
    public async Task<List<RunResponse>> CalendarAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var runs = await db.CourseRuns.AsNoTracking().Where(r => r.Workshop2.Date >= today)
            .OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        return await DescribeAsync(runs, cancellationToken);
    }

    /// <summary>The runs <paramref name="facilitatorId"/> is one of the two facilitators of.</summary>
    public async Task<FacilitatorRuns> OfFacilitatorAsync(Guid facilitatorId, CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var mine = db.CourseRuns.AsNoTracking().Where(r => r.FacilitatorIds.Contains(facilitatorId));
        var upcoming = await mine.Where(r => r.Workshop2.Date >= today).OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(200).ToListAsync(cancellationToken);
        var past = await mine.Where(r => r.Workshop2.Date < today).OrderByDescending(r => r.Workshop2.Date).Take(50).ToListAsync(cancellationToken);
        return new FacilitatorRuns(await DescribeAsync(upcoming, cancellationToken), await DescribeAsync(past, cancellationToken));
    }

    /// <summary>Runs not cancelled whose Workshop 1 is still to start and falls within <paramref name="days"/> days, with seats left, soonest first.</summary>
    public async Task<List<RunResponse>> BookableWithinAsync(int days, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        var runs = await db.CourseRuns.AsNoTracking()
            .Where(r => r.CancelledAt == null && r.Workshop1.Date >= today && r.Workshop1.Date <= today.AddDays(days) && r.BookedCount < r.Capacity)
            .OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).ToListAsync(cancellationToken);
        return await DescribeAsync([.. runs.Where(r => r.Workshop1.StartsAt > now)], cancellationToken);
    }

    /// <summary>
    /// Workshops that have started (their register is open) without a register, earliest first; only
    /// <paramref name="facilitatorId"/>'s runs when given. Cancelled runs take no register, nor does a run where nobody
    /// is still expected (no booking left live: none made, all cancelled, or all ended at Workshop 1).
    /// </summary>
    public async Task<List<(RunResponse Run, WorkshopNumber Workshop)>> RegistersDueAsync(Guid? facilitatorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = UkCalendar.DateOf(now);
        var runs = db.CourseRuns.AsNoTracking().Where(r => r.CancelledAt == null && r.Workshop1.Date <= today
            && !db.WorkshopRegisters.Any(g => g.RunId == r.Id && g.Workshop == WorkshopNumber.Workshop2)
            && db.Bookings.Any(b => b.RunId == r.Id && b.Status == BookingStatus.Booked));
        if (facilitatorId is { } id) runs = runs.Where(r => r.FacilitatorIds.Contains(id));
        var open = await runs.ToListAsync(cancellationToken);
        var ids = open.Select(r => r.Id).ToList();
        var recorded = (await db.WorkshopRegisters.AsNoTracking().Where(g => ids.Contains(g.RunId)).Select(g => new { g.RunId, g.Workshop }).ToListAsync(cancellationToken))
            .Select(g => (g.RunId, g.Workshop)).ToHashSet();
        var due = open.SelectMany(r => new[] { WorkshopNumber.Workshop1, WorkshopNumber.Workshop2 }.Select(w => (Run: r, Workshop: w)))
            .Where(x => x.Run.Session(x.Workshop).StartsAt <= now && !recorded.Contains((x.Run.Id, x.Workshop)))
            .OrderBy(x => x.Run.Session(x.Workshop).StartsAt).ThenBy(x => x.Run.Id).ToList();
        var described = (await DescribeAsync([.. due.Select(x => x.Run).Distinct()], cancellationToken)).ToDictionary(r => r.Id);
        return [.. due.Select(x => (described[x.Run.Id], x.Workshop))];
    }

    /// <summary>The tenant's active venues by name, and its members with the Facilitator role by name.</summary>
    public async Task<RunFormChoices> FormChoicesAsync(CancellationToken cancellationToken)
    {
        var venues = await db.Venues.AsNoTracking().Where(v => v.IsActive).OrderBy(v => v.Name)
            .Select(v => new VenueChoice(v.Id, v.Name, v.Town, v.Capacity)).ToListAsync(cancellationToken);
        var memberships = await db.Memberships.AsNoTracking().ToListAsync(cancellationToken);
        var ids = memberships.Where(m => m.Roles.Contains(TenantRole.Facilitator)).Select(m => m.UserId).ToList();
        var facilitators = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new FacilitatorChoice(u.Id, u.DisplayName, u.Email)).ToList();
        return new RunFormChoices(venues, facilitators);
    }

    private async Task<RunResponse> DescribeAsync(CourseRun run, CancellationToken cancellationToken) => (await DescribeAsync([run], cancellationToken))[0];

    private async Task<List<RunResponse>> DescribeAsync(IReadOnlyList<CourseRun> runs, CancellationToken cancellationToken)
    {
        var venueIds = runs.Where(r => r.VenueId is not null).Select(r => r.VenueId!.Value).Distinct().ToList();
        var venues = await db.Venues.AsNoTracking().Where(v => venueIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
        var peopleIds = runs.SelectMany(r => r.FacilitatorIds).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => peopleIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return runs.Select(r => new RunResponse(
            r.Id, r.Cohort, r.Language, SessionResponse.From(r.Workshop1), SessionResponse.From(r.Workshop2), r.Delivery,
            r.VenueId is { } v && venues.TryGetValue(v, out var venue) ? new VenueSummary(venue.Id, venue.Name, venue.Town, venue.Postcode) : null,
            r.MeetingLink, r.Capacity, r.BookedCount, r.SeatsLeft,
            r.FacilitatorIds.Select(id => new PersonSummary(id, people.GetValueOrDefault(id) ?? "")).ToList(),
            r.CancelledAt, r.CancelReason, r.Version)).ToList();
    }

    private Task ApplyDetailsAsync(CourseRun run, IRunDetails request, CancellationToken cancellationToken) =>
        ApplyDetailsAsync(run, request, [], cancellationToken);

    /// <summary>
    /// Checks what the scheduling rules need from the database: the venue, that facilitators are the tenant's
    /// facilitators, and that each but those already <paramref name="cleared"/> is competent to run the group.
    /// </summary>
    private async Task ApplyDetailsAsync(CourseRun run, IRunDetails request, IReadOnlyCollection<Guid> cleared, CancellationToken cancellationToken)
    {
        run.VenueId = request.VenueId;
        run.MeetingLink = request.MeetingLink;
        run.Capacity = request.Capacity ?? Tenant.Settings.WorkshopDefaults.Capacity;
        run.FacilitatorIds = request.FacilitatorIds!.ToList();
        var venue = request.VenueId is { } venueId ? await db.Venues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == venueId, cancellationToken) : null;
        var breaches = CourseRunScheduling.Breaches(run, Tenant.Settings, venue).ToList();
        var ids = run.FacilitatorIds.Distinct().ToList();
        var facilitators = await db.Memberships.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToListAsync(cancellationToken);
        foreach (var id in ids.Where(id => !facilitators.Any(m => m.UserId == id && m.Roles.Contains(TenantRole.Facilitator))))
            breaches.Add(new RuleBreach("facilitatorIds", $"{id} is not a member of this tenant with the Facilitator role"));
        if (breaches.Count > 0) throw ProblemException.Invalid(breaches.Select(b => b.Path == "facilitators" ? b with { Path = "facilitatorIds" } : b));
        await CheckCompetenceAsync(run, [.. ids.Except(cleared)], cancellationToken);
    }

    /// <summary>
    /// Refuses (409) facilitators whose training is missing, unsigned or expires before Workshop 2, or whose supervision
    /// is overdue, listing every gap of each by name, so that one answer says all there is to fix.
    /// </summary>
    private async Task CheckCompetenceAsync(CourseRun run, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return;
        var gaps = await competence.GapsAsync(ids, run.Workshop2.Date, cancellationToken);
        var lacking = ids.Where(id => gaps[id].Count > 0).ToList();
        if (lacking.Count == 0) return;
        var names = await db.Users.AsNoTracking().Where(u => lacking.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var refused = lacking.Select(id => new FacilitatorGaps(id, names.GetValueOrDefault(id) ?? "", gaps[id])).ToList();
        throw ProblemException.Conflict(
            refused.Count == 1 ? "A facilitator is not cleared to run this group" : "Facilitators are not cleared to run this group",
            string.Join(" ", refused.Select(f => f.Describe())), "facilitatorIds",
            new Dictionary<string, object?> { ["facilitators"] = refused });
    }

    private WorkshopSession Session(SessionDto dto)
    {
        var (start, end) = Tenant.Settings.WorkshopDefaults.SessionTimes();
        return new WorkshopSession(
            dto.Date!.Value,
            dto.StartTime is { } s && Domain.Tenants.TenantDefinition.TryParseTime(s, out var st) ? st : start,
            dto.EndTime is { } e && Domain.Tenants.TenantDefinition.TryParseTime(e, out var et) ? et : end);
    }
}
