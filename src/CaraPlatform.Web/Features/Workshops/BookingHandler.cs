using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Features.VictimContact.Contracts;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops;

/// <summary>A referral as the booking page shows it: whom it is booking, by when, and whether it can be booked.</summary>
public sealed record ReferralToBook(Guid Id, string PoliceReference, string ParticipantName, DateOnly ConditionDeadline, ReferralStatus Status);

/// <summary>
/// Places on runs, for the API and the portal: booking a referral, cancelling a booking, and who is booked where.
/// Every change to a referral goes through the referral's own methods, so its timeline and the police's notices
/// follow from the same save, with its audit row.
/// </summary>
public sealed class BookingHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, IReferralReach reach, Actors actors, AuditTrail audit,
    IVictimContactConflicts victimContact, TimeProvider clock)
    : IReferralBookings, IParticipantFacilitators
{
    /// <summary>
    /// Books the referral onto the run. The seat is claimed by one conditional UPDATE of the run's booked count,
    /// which the database serialises per run and caps by a check constraint: concurrent requests never overfill.
    /// </summary>
    public async Task<BookingResponse> BookAsync(Guid runId, Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = await db.RunAsync(runId, cancellationToken);
        if (run.IsCancelled) throw ProblemException.Conflict("The run is cancelled", field: "runId");
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken)
            ?? throw ProblemException.Invalid([new RuleBreach("referralId", "is not a referral of this tenant")]);
        if (!ReferralLifecycle.Allows(referral.Status, ReferralAction.Book))
            throw new IllegalReferralTransitionException(referral.Status, ReferralAction.Book);

        var refusals = BookingEligibility.Refusals(await db.CandidateAsync(referral, cancellationToken), run, run.BookedCount, clock.GetUtcNow());
        if (refusals.Count > 0) throw Refused(refusals);
        await victimContact.RefuseConflictAsync(run.FacilitatorIds, [referral.Id], "referralId", cancellationToken);

        var claimed = await db.CourseRuns
            .Where(r => r.Id == runId && r.CancelledAt == null && r.BookedCount < r.Capacity)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BookedCount, r => r.BookedCount + 1), cancellationToken);
        if (claimed == 0)
            throw Refused([new BookingRefusal(BookingRefusalCode.RunFull, $"All {run.Capacity} places on the run are taken.")]);

        var actor = await actors.OfAsync(user);
        var booking = new Booking { RunId = run.Id, ReferralId = referral.Id, BookedAt = clock.GetUtcNow(), BookedBy = actor.Id };
        db.Bookings.Add(booking);
        referral.Book(actor, clock, new BookedWorkshops(run.Id, run.Workshop1.StartsAt, run.Workshop2.StartsAt));
        audit.Stage(db, AuditEntries.By(user, AuditActions.BookingChanged, tenants.Current().TenantId, AuditEntries.Referral(referral.Id), $"booked on run {run.Id}"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await DescribeAsync([booking], cancellationToken))[0];
    }

    public async Task<IReadOnlyList<Guid>> OfParticipantAsync(Guid referralId, CancellationToken cancellationToken) =>
        (await db.Bookings.AsNoTracking().Where(b => b.ReferralId == referralId && b.Status != BookingStatus.Cancelled)
            .Join(db.CourseRuns, b => b.RunId, r => r.Id, (b, r) => r.FacilitatorIds).ToListAsync(cancellationToken))
        .SelectMany(ids => ids).Distinct().ToList();

    /// <summary>Ends one participant's place; their referral goes back to be booked on another run.</summary>
    public async Task<BookingResponse> CancelAsync(Guid bookingId, string reason, uint version, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var booking = await db.Bookings.SingleOrDefaultAsync(b => b.Id == bookingId, cancellationToken) ?? throw ProblemException.NotFound("Booking not found");
        db.Entry(booking).Property(b => b.Version).OriginalValue = version;
        if (!booking.IsLive) throw ProblemException.Conflict($"The booking is {booking.Status}", field: "bookingId");
        var referral = await db.Referrals.SingleAsync(r => r.Id == booking.ReferralId, cancellationToken);
        booking.Cancel(reason, clock.GetUtcNow());
        referral.CancelBooking(reason, tenants.Current().Settings, await actors.OfAsync(user), clock);
        await db.CourseRuns.Where(r => r.Id == booking.RunId)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.BookedCount, r => r.BookedCount - 1), cancellationToken);
        audit.Stage(db, AuditEntries.By(user, AuditActions.BookingChanged, tenants.Current().TenantId, AuditEntries.Referral(referral.Id), $"booking on run {booking.RunId} cancelled"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (await DescribeAsync([booking], cancellationToken))[0];
    }

    /// <summary>
    /// The run's participants, every booking in booking order, for those who may see them (see
    /// <see cref="WorkshopData.CheckSeesParticipantsAsync"/>): 404 for no such run, 403 for another facilitator. Only
    /// referrals within the caller's reach are listed, by the same rule as everywhere (<see cref="IReferralReach"/>).
    /// </summary>
    public async Task<List<BookingResponse>> OfRunAsync(Guid runId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        await db.CheckSeesParticipantsAsync(runId, user, cancellationToken);
        var readable = await reach.ReadableIdsAsync(user, cancellationToken);
        return await DescribeAsync(
            await db.Bookings.AsNoTracking().Where(b => b.RunId == runId && readable.Contains(b.ReferralId)).OrderBy(b => b.BookedAt).ToListAsync(cancellationToken),
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Whether the caller may read the referral is the caller's to ask first (<c>IReferralReach</c>).</remarks>
    public async Task<List<BookingResponse>> OfReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        await DescribeAsync(await db.Bookings.AsNoTracking().Where(b => b.ReferralId == referralId).OrderByDescending(b => b.BookedAt).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>The referral's place on the run (the latest, if it was booked there twice), unless cancelled.</summary>
    public async Task<BookingResponse?> ParticipantAsync(Guid runId, Guid referralId, CancellationToken cancellationToken) =>
        await db.Bookings.AsNoTracking().Where(b => b.RunId == runId && b.ReferralId == referralId && b.Status != BookingStatus.Cancelled)
            .OrderByDescending(b => b.BookedAt).FirstOrDefaultAsync(cancellationToken) is { } booking
            ? (await DescribeAsync([booking], cancellationToken))[0]
            : null;

    /// <summary>Whether the booking is one on this run, for pages that act on a booking from its run's page.</summary>
    public Task<bool> IsOnRunAsync(Guid bookingId, Guid runId, CancellationToken cancellationToken) =>
        db.Bookings.AnyAsync(b => b.Id == bookingId && b.RunId == runId, cancellationToken);

    /// <summary>The referral to book, its view audited, or null when the tenant has none with this id.</summary>
    public async Task<ReferralToBook?> ReferralToBookAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken) is not { } referral) return null;
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.ReferralToBookViewed, tenants.Current().TenantId, AuditEntries.Referral(referralId)), cancellationToken);
        return new ReferralToBook(referral.Id, referral.PoliceReference, ParticipantName(referral), referral.ConditionDeadline, referral.Status);
    }

    private async Task<List<BookingResponse>> DescribeAsync(IReadOnlyList<Booking> bookings, CancellationToken cancellationToken)
    {
        var referralIds = bookings.Select(b => b.ReferralId).Distinct().ToList();
        var runIds = bookings.Select(b => b.RunId).Distinct().ToList();
        var referralsById = await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var runs = await db.CourseRuns.AsNoTracking().Where(r => runIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        return bookings.Select(b =>
        {
            var referral = referralsById[b.ReferralId];
            var run = runs[b.RunId];
            return new BookingResponse(
                b.Id, b.RunId, b.ReferralId, referral.PoliceReference, ParticipantName(referral), b.Status,
                b.Workshop1, b.Workshop2, run.Workshop1.Date, run.Workshop2.Date, b.BookedAt, b.CancelReason, b.Version);
        }).ToList();
    }

    private static string ParticipantName(Referral referral) => $"{referral.Offender.GivenName} {referral.Offender.FamilyName}";

    private static ProblemException Refused(IReadOnlyList<BookingRefusal> refusals) => ProblemException.Conflict(
        "The referral cannot be booked on this run", string.Join(" ", refusals.Select(r => r.Message)), "runId",
        new Dictionary<string, object?> { ["refusals"] = refusals.Select(r => new BookingRefusalDto(r.Code, r.Message)).ToList() });
}
