using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.VictimContact;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// The filters of a referral list. <paramref name="Search"/> (part of a police reference or of the offender's name) and
/// <paramref name="DateOfBirth"/> (the offender's) make it a search, which is audited as a view of what it finds.
/// </summary>
public sealed record ReferralQuery(
    IReadOnlyList<ReferralStatus>? Statuses = null, DateOnly? ReceivedFrom = null, DateOnly? ReceivedTo = null, string? PoliceReference = null,
    string? Cursor = null, int Limit = ReferralQuery.DefaultLimit, bool OldestFirst = false, string? Search = null, DateOnly? DateOfBirth = null)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    /// <summary>Whether the query looks for particular people rather than listing the caseload.</summary>
    public bool Searches => !string.IsNullOrWhiteSpace(Search) || DateOfBirth is not null;
}

/// <summary>A referral in a list: the API's summary, and for the portal its deadlines as of today.</summary>
public sealed record ReferralListItem(ReferralSummary Summary, DeadlinesResponse Deadlines);

/// <summary>A page of a referral list; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record ReferralList(IReadOnlyList<ReferralListItem> Items, string? NextCursor);

/// <summary>The first few referrals of a work list on the home page, and how many there are in all.</summary>
public sealed record ReferralWork(IReadOnlyList<ReferralListItem> Items, int Total);

/// <summary>The victim's details with the police reference of the referral they belong to.</summary>
public sealed record ReferralVictim(string PoliceReference, VictimRecordResponse Record);

/// <summary>
/// Reading referrals, for the API and the portal alike, always within the caller's reach and in the caller's shape
/// (<see cref="ReferralReach"/>): a facilitator reads only the participants of their own runs, a SPOC only the
/// referrals of their forces, and the police never the provider's free text. Every view of an offender's or a victim's record is audited (DPA 2018 s.62).
/// </summary>
public sealed class ReferralQueries(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector victims, ReferralReach reach,
    AuditTrail audit, TimeProvider clock)
{
    private static readonly ReferralStatus[] ToScreen = [ReferralStatus.Received, ReferralStatus.Screening];

    /// <summary>A referral with its deadlines, allowed moves and timeline, in the caller's shape; the view is audited.</summary>
    public async Task<ReferralResponse?> DetailAsync(Guid referralId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        var referral = await (await ReadableAsync(user, cancellationToken)).SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken);
        if (referral is null) return null;
        await audit.RecordAsync(ReferralHandling.AuditOf(AuditActions.ReferralViewed, tenant, referralId, user), cancellationToken);
        return await reach.ShapeAsync(ReferralResponse.From(referral, tenant.Settings, clock), user, cancellationToken);
    }

    /// <summary>The referral's summary, for a page that shows whom it is about (no timeline, nothing about the caution).</summary>
    public async Task<ReferralSummary?> SummaryAsync(Guid referralId, CancellationToken cancellationToken) =>
        await db.Referrals.AsNoTracking().SingleOrDefaultAsync(r => r.Id == referralId, cancellationToken) is { } referral
            ? ReferralSummary.From(referral)
            : null;

    /// <summary>
    /// The referrals matching <paramref name="query"/>, by keyset; a cursor that is not one of ours is
    /// <see cref="InvalidCursorException"/>. A query that searches is <see cref="SearchAsync"/>'s. Each page shown is
    /// audited once, by how many referrals in which statuses, never by whom.
    /// </summary>
    public async Task<ReferralList> ListAsync(ReferralQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (query.Searches) return await SearchAsync(query, user, cancellationToken);
        var page = await PageAsync(query, user, cancellationToken);
        var statuses = string.Join(", ", page.Items.Select(i => i.Summary.Status).Distinct().Order());
        var detail = $"{page.Items.Count} referrals{(statuses.Length > 0 ? ", statuses " + statuses : "")}{(page.NextCursor is null ? "" : ", more on later pages")}";
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.ReferralsListed, tenants.Current().TenantId, "referrals:list", detail), cancellationToken);
        return page;
    }

    /// <summary>
    /// Finds referrals by part of the police reference or of the offender's given, family or full name (any case), and
    /// by the offender's date of birth, within the caller's reach and the query's other filters. The victim's details
    /// are encrypted and never searched. The search is audited as a view of the records found; the record says which
    /// kinds of criteria were used and how many referrals the page showed, never the name or date typed, so the audit
    /// trail does not become a second copy of who was looked for.
    /// </summary>
    public async Task<ReferralList> SearchAsync(ReferralQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await PageAsync(query, user, cancellationToken);
        var by = string.Join('+', new[] { string.IsNullOrWhiteSpace(query.Search) ? null : "text", query.DateOfBirth is null ? null : "date-of-birth" }.OfType<string>());
        var subject = $"referrals:search by {by}; {found.Items.Count} shown{(found.NextCursor is null ? "" : ", more on later pages")}";
        await audit.RecordAsync(ReferralHandling.AuditOf(AuditActions.ReferralsSearched, tenants.Current(), subject, user), cancellationToken);
        return found;
    }

    private async Task<ReferralList> PageAsync(ReferralQuery query, ClaimsPrincipal user, CancellationToken cancellationToken)
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
            var prefix = Like(query.PoliceReference.Trim()) + "%";
            referrals = referrals.Where(r => EF.Functions.ILike(r.PoliceReference, prefix, @"\"));
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var part = "%" + Like(query.Search.Trim()) + "%";
            referrals = referrals.Where(r => EF.Functions.ILike(r.PoliceReference, part, @"\")
                || EF.Functions.ILike(r.Offender.GivenName + " " + r.Offender.FamilyName, part, @"\"));
        }

        if (query.DateOfBirth is { } born)
            referrals = referrals.Where(r => r.Offender.DateOfBirth == born);

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
        var settings = tenants.Current().Settings;
        return new ReferralList(
            [.. page.Take(limit).Select(r => new ReferralListItem(ReferralSummary.From(r), DeadlinesResponse.From(ReferralDeadlines.Classify(r, settings, clock))))],
            next);
    }

    /// <summary>The coordinators' queue: referrals still to screen (Received or Screening), oldest first.</summary>
    public Task<ReferralList> ScreeningQueueAsync(string? cursor, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ListAsync(new ReferralQuery(ToScreen, Cursor: cursor, OldestFirst: true), user, cancellationToken);

    /// <summary>The first <paramref name="limit"/> referrals still to screen, oldest first, and how many there are.</summary>
    public Task<ReferralWork> ToScreenAsync(int limit, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        WorkAsync(r => ToScreen.Contains(r.Status), q => q.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id), limit, user, cancellationToken);

    /// <summary>
    /// Referrals before booking whose offender has not been contacted yet, soonest first-contact target first (the
    /// target counts from receipt, so that is oldest first); whether each is overdue comes from <see cref="ReferralDeadlines"/>.
    /// </summary>
    public Task<ReferralWork> AwaitingFirstContactAsync(int limit, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var statuses = ReferralLifecycle.AwaitingBooking.ToList();
        return WorkAsync(r => statuses.Contains(r.Status) && r.FirstContactAt == null, q => q.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id), limit, user, cancellationToken);
    }

    /// <summary>Eligible referrals waiting for a booking, soonest deadline first.</summary>
    public Task<ReferralWork> EligibleUnbookedAsync(int limit, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        WorkAsync(r => r.Status == ReferralStatus.Eligible, q => q.OrderBy(r => r.ConditionDeadline).ThenBy(r => r.Id), limit, user, cancellationToken);

    /// <summary>Breaches waiting for the police's decision (NonCompliant), soonest deadline first.</summary>
    public Task<ReferralWork> AwaitingPoliceDecisionAsync(int limit, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        WorkAsync(r => r.Status == ReferralStatus.NonCompliant, q => q.OrderBy(r => r.ConditionDeadline).ThenBy(r => r.Id), limit, user, cancellationToken);

    /// <summary>How many referrals are in each status (statuses with none left out).</summary>
    public async Task<IReadOnlyDictionary<ReferralStatus, int>> CountByStatusAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await (await ReadableAsync(user, cancellationToken)).GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

    /// <summary>Referrals returned to the police (not eligible, not contactable) since <paramref name="since"/>, latest return first, with when.</summary>
    public async Task<IReadOnlyList<(ReferralSummary Summary, DateTimeOffset ReturnedAt)>> ReturnedSinceAsync(
        DateTimeOffset since, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // A returned referral is terminal, so nothing changes it after its return: UpdatedAt narrows the rows to load.
        var returned = await (await ReadableAsync(user, cancellationToken))
            .Where(r => (r.Status == ReferralStatus.ReturnedIneligible || r.Status == ReferralStatus.ReturnedUncontactable) && r.UpdatedAt >= since)
            .ToListAsync(cancellationToken);
        return [.. returned
            .Select(r => (Summary: ReferralSummary.From(r), ReturnedAt: r.Timeline.Last(t => t.To == r.Status).At))
            .Where(r => r.ReturnedAt >= since)
            .OrderByDescending(r => r.ReturnedAt)];
    }

    /// <summary>The checklist every screening answers: the national rules and the tenant's own questions.</summary>
    public ScreeningChecklist Checklist() => ScreeningChecklists.For(tenants.Current().Settings);

    /// <summary>The victim's details, decrypted for someone the endpoint or page let in; the view is audited with its justification.</summary>
    public async Task<ReferralVictim?> VictimAsync(Guid referralId, string reason, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        var found = await db.VictimRecords.AsNoTracking().Where(v => v.ReferralId == referralId)
            .Join(db.Referrals, v => v.ReferralId, r => r.Id, (v, r) => new { v.ProtectedDetails, v.Version, r.PoliceReference })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null) return null;
        await audit.RecordAsync(
            AuditEntries.By(user, AuditActions.VictimDetailsViewed, tenant.TenantId, AuditEntries.Victim(referralId), reason: reason.Trim()), cancellationToken);
        var details = VictimDto.From(victims.Unprotect(tenant.TenantId, found.ProtectedDetails));
        return new ReferralVictim(found.PoliceReference, new VictimRecordResponse(referralId, details, found.Version));
    }

    /// <summary>Text for a LIKE pattern, its wildcards taken literally (escaped with a backslash).</summary>
    private static string Like(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    private async Task<ReferralWork> WorkAsync(
        System.Linq.Expressions.Expression<Func<Referral, bool>> filter, Func<IQueryable<Referral>, IOrderedQueryable<Referral>> order, int limit,
        ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var referrals = (await ReadableAsync(user, cancellationToken)).Where(filter);
        var total = await referrals.CountAsync(cancellationToken);
        var page = await order(referrals).Take(limit).ToListAsync(cancellationToken);
        var settings = tenants.Current().Settings;
        return new ReferralWork(
            [.. page.Select(r => new ReferralListItem(ReferralSummary.From(r), DeadlinesResponse.From(ReferralDeadlines.Classify(r, settings, clock))))],
            total);
    }

    /// <summary>The referrals <paramref name="user"/> may read (<see cref="ReferralReach"/>).</summary>
    private Task<IQueryable<Referral>> ReadableAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        reach.WithinAsync(db.Referrals.AsNoTracking(), user, cancellationToken);
}
