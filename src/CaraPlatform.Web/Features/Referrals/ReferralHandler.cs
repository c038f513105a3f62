using System.Security.Claims;
using CaraPlatform.Domain.Access;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.Identity;
using CaraPlatform.Infrastructure.Persistence;
using CaraPlatform.Infrastructure.Tenancy;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Tenancy;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Platform;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>The filters of a referral list.</summary>
public sealed record ReferralQuery(
    IReadOnlyList<ReferralStatus>? Statuses = null, DateOnly? ReceivedFrom = null, DateOnly? ReceivedTo = null, string? PoliceReference = null,
    string? Cursor = null, int Limit = ReferralQuery.DefaultLimit, bool OldestFirst = false)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;
}

/// <summary>
/// What can be done to referrals, for the API and the portal alike: intake with the victim's record, reading,
/// listing and every lifecycle move. The tenant is the platform's business: nothing here filters by it.
/// </summary>
public sealed class ReferralHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector victims, Actors actors,
    UserTenants userTenants, AuditTrail audit, TimeProvider clock) : IReferralReach
{
    private CaraTenantInfo Tenant => tenants.MultiTenantContext.TenantInfo
        ?? throw new InvalidOperationException("Referrals are handled inside a tenant.");

    /// <summary>The existing referral with this police reference, if any: a second referral for the same caution is a mistake.</summary>
    public Task<Referral?> FindByPoliceReferenceAsync(string policeReference, CancellationToken cancellationToken) =>
        db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.PoliceReference == policeReference.Trim(), cancellationToken);

    /// <summary>Receives the referral and seals the victim's details in their own record, in one SaveChanges.</summary>
    public async Task<Referral> ReceiveAsync(ReferralDetails details, VictimDetails victim, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referral = Referral.Receive(details, Tenant.Settings.Condition, await actors.OfAsync(user), clock);
        db.Referrals.Add(referral);
        db.VictimRecords.Add(new VictimRecord { ReferralId = referral.Id, ProtectedDetails = victims.Protect(Tenant.TenantId, victim) });
        await db.SaveChangesAsync(cancellationToken);
        await AuditAsync(user, "referral-received", referral.Id, cancellationToken);
        return referral;
    }

    public Task<Referral?> GetAsync(Guid id, CancellationToken cancellationToken) =>
        db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);

    /// <summary>
    /// The referrals <paramref name="user"/> may read. A person whose only role in the tenant is Facilitator reads
    /// only the participants of their own runs: they need nobody else's record to run a workshop. Everyone else the
    /// endpoint lets in (other roles, clients holding the scope) reads the tenant's referrals.
    /// </summary>
    public async Task<IQueryable<Referral>> ReadableAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referrals = db.Referrals.AsNoTracking();
        if (user.PersonId() is not { } personId) return referrals;
        var roles = await userTenants.RolesIn(Tenant, personId, cancellationToken) ?? [];
        if (roles.Any(r => r != TenantRole.Facilitator)) return referrals;
        return referrals.Where(r => db.Bookings.Any(b => b.ReferralId == r.Id && b.Status != BookingStatus.Cancelled
            && db.CourseRuns.Any(run => run.Id == b.RunId && run.FacilitatorIds.Contains(personId))));
    }

    /// <summary>Whether <paramref name="user"/> may read the referral (see <see cref="ReadableAsync"/>).</summary>
    public async Task<bool> CanReadAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await (await ReadableAsync(user, cancellationToken)).AnyAsync(r => r.Id == referralId, cancellationToken);

    /// <summary>The referral as shown to someone who may read it: the view of an offender's record is audited (DPA 2018 s.62).</summary>
    public async Task<Referral?> ViewAsync(Guid id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referral = await (await ReadableAsync(user, cancellationToken)).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is not null) await AuditAsync(user, "referral-viewed", id, cancellationToken);
        return referral;
    }

    /// <summary>
    /// Loads the referral, checks the caller read its current version, applies <paramref name="change"/> and saves;
    /// the row version makes the database refuse a change based on a stale read.
    /// </summary>
    public async Task<Referral?> ChangeAsync(
        Guid id, uint version, ClaimsPrincipal user, Action<Referral, ReferralActor> change, CancellationToken cancellationToken)
    {
        var referral = await db.Referrals.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (referral is null) return null;
        if (referral.Version != version) throw new DbUpdateConcurrencyException("The referral changed since it was read.");
        change(referral, await actors.OfAsync(user));
        await db.SaveChangesAsync(cancellationToken);
        return referral;
    }

    public async Task<ReferralPageResult> ListAsync(ReferralQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referrals = await ReadableAsync(user, cancellationToken);
        if (query.Statuses is { Count: > 0 } statuses)
            referrals = referrals.Where(r => statuses.Contains(r.Status));
        if (query.ReceivedFrom is { } from)
            referrals = referrals.Where(r => r.ReceivedAt >= UkCalendar.At(from, TimeOnly.MinValue));
        if (query.ReceivedTo is { } to)
            referrals = referrals.Where(r => r.ReceivedAt < UkCalendar.At(to.AddDays(1), TimeOnly.MinValue));
        if (!string.IsNullOrWhiteSpace(query.PoliceReference))
        {
            var prefix = query.PoliceReference.Trim().Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%";
            referrals = referrals.Where(r => EF.Functions.ILike(r.PoliceReference, prefix, @"\"));
        }

        if (!KeysetCursor.TryParse(query.Cursor, out var cursor)) throw new InvalidCursorException();
        if (cursor is { } after)
        {
            referrals = query.OldestFirst
                ? referrals.Where(r => EF.Functions.GreaterThan(ValueTuple.Create(r.ReceivedAt, r.Id), ValueTuple.Create(after.At, after.Id)))
                : referrals.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.ReceivedAt, r.Id), ValueTuple.Create(after.At, after.Id)));
        }

        var limit = Math.Clamp(query.Limit, 1, ReferralQuery.MaxLimit);
        var ordered = query.OldestFirst
            ? referrals.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            : referrals.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id);
        var page = await ordered.Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? new KeysetCursor(page[limit - 1].ReceivedAt, page[limit - 1].Id).ToString() : null;
        return new ReferralPageResult(page.Take(limit).ToList(), next);
    }

    /// <summary>The victim's details, decrypted for someone allowed to see them; the view is audited (DPA 2018 s.62).</summary>
    public async Task<(VictimDetails Details, uint Version)?> ReadVictimAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var record = await db.VictimRecords.AsNoTracking().SingleOrDefaultAsync(v => v.ReferralId == referralId, cancellationToken);
        if (record is null) return null;
        await AuditAsync(user, "victim-details-viewed", referralId, cancellationToken);
        return (victims.Unprotect(Tenant.TenantId, record.ProtectedDetails), record.Version);
    }

    private Task AuditAsync(ClaimsPrincipal user, string action, Guid referralId, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(
            action, "success", Tenant.TenantId, user.PersonId(),
            user.PersonId() is null ? user.FindFirst(OpenIddictConstants.Claims.Subject)?.Value : null,
            Subject: $"referral:{referralId}"), cancellationToken);
}

public sealed record ReferralPageResult(IReadOnlyList<Referral> Items, string? NextCursor);
