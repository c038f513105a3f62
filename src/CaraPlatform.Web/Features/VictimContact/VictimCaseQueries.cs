using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Features.VictimContact.Contracts;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>Which cases a caseload shows: the caller's own or everyone's, the unassigned only, and whether closed ones too.</summary>
public sealed record VictimCaseFilter(bool Mine = false, bool Unassigned = false, bool IncludeClosed = false);

/// <summary>
/// Reading the caseload, for the API and the portal alike. Every list and every case opened is audited under the
/// victim's subject, since the case is the victim's record.
/// </summary>
public sealed class VictimCaseQueries(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector protector, AuditTrail audit) : IVictimCases
{
    /// <summary>The cases matching <paramref name="filter"/>, oldest first, since the oldest have waited longest; the list is audited.</summary>
    public async Task<IReadOnlyList<VictimCaseSummary>> ListAsync(VictimCaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var cases = await FilteredAsync(filter, user, cancellationToken);
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.VictimCasesListed, tenants.Current().TenantId, "victim-cases:list",
            $"list of {cases.Count} victim-contact cases"), cancellationToken);
        return cases;
    }

    /// <summary>The case with every entry decrypted; the view is audited once.</summary>
    public async Task<VictimCaseResponse?> DetailAsync(Guid caseId, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        var victimCase = await Cases().SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (victimCase is null) return null;
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.VictimCaseViewed, tenant.TenantId, AuditEntries.Victim(victimCase.ReferralId)), cancellationToken);
        var summary = (await SummariesAsync([victimCase], cancellationToken))[0];
        return new VictimCaseResponse(summary, [.. victimCase.Entries.OrderByDescending(e => e.RecordedAt).ThenByDescending(e => e.Id)
            .Select(e => VictimCaseEntryResponse.From(e, protector.UnprotectNotes(tenant.TenantId, e.ProtectedNotes)))]);
    }

    /// <summary>The case's summary after a change: what the caller already sees, so not a new view.</summary>
    public async Task<VictimCaseSummary> SummaryAsync(Guid caseId, CancellationToken cancellationToken) =>
        (await SummariesAsync([await Cases().SingleAsync(c => c.Id == caseId, cancellationToken)], cancellationToken))[0];

    public async Task<Guid?> CaseOfReferralAsync(Guid referralId, CancellationToken cancellationToken) =>
        await db.VictimCases.AsNoTracking().Where(c => c.ReferralId == referralId).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The open cases of the caller, for the home page: not audited as a view of records, it shows none of their contents.</summary>
    public Task<IReadOnlyList<VictimCaseSummary>> MineAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        FilteredAsync(new VictimCaseFilter(Mine: true), user, cancellationToken);

    /// <summary>The tenant's victim-contact workers by name, for a provider admin assigning a case.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Name)>> WorkersAsync(CancellationToken cancellationToken)
    {
        var ids = (await db.Memberships.AsNoTracking().ToListAsync(cancellationToken))
            .Where(m => m.Roles.Contains(TenantRole.VictimContactWorker)).Select(m => m.UserId).ToList();
        return [.. (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken))
            .OrderBy(u => u.DisplayName, StringComparer.Ordinal).Select(u => (u.Id, u.DisplayName))];
    }

    private async Task<IReadOnlyList<VictimCaseSummary>> FilteredAsync(VictimCaseFilter filter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = Cases();
        if (!filter.IncludeClosed) query = query.Where(c => c.ClosedAt == null);
        if (filter.Unassigned) query = query.Where(c => c.WorkerId == null);
        if (filter.Mine)
        {
            var me = user.PersonId();
            query = query.Where(c => c.WorkerId == me);
        }

        return await SummariesAsync(await query.OrderBy(c => c.OpenedAt).ToListAsync(cancellationToken), cancellationToken);
    }

    private IQueryable<VictimCase> Cases() => db.VictimCases.AsNoTracking().Include(c => c.Entries);

    private async Task<IReadOnlyList<VictimCaseSummary>> SummariesAsync(IReadOnlyList<VictimCase> cases, CancellationToken cancellationToken)
    {
        var referralIds = cases.Select(c => c.ReferralId).ToList();
        var referrals = await db.Referrals.AsNoTracking().Where(r => referralIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var workerIds = cases.Where(c => c.WorkerId is not null).Select(c => c.WorkerId!.Value).Distinct().ToList();
        var workers = await db.Users.AsNoTracking().Where(u => workerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        return [.. cases.Select(c => Summary(c, referrals[c.ReferralId], c.WorkerId is { } w ? workers.GetValueOrDefault(w) : null))];
    }

    private static VictimCaseSummary Summary(VictimCase c, Referral referral, string? workerName)
    {
        var progress = ReferralProgress.Of(referral);
        var changesDue = c.IsOpen
            ? Enum.GetValues<WorkshopNumber>().Where(w => progress.Attended(w)
                && !c.Entries.Any(e => e.Kind == VictimCaseEntryKind.ReportedChange && e.Workshop == w)).ToList()
            : [];
        return new VictimCaseSummary(
            c.Id, c.ReferralId, referral.PoliceReference, $"{referral.Offender.GivenName} {referral.Offender.FamilyName}", referral.Status, c.OpenedAt,
            c.WorkerId, workerName, c.ClosedAt, c.Entries.Where(e => e.Kind == VictimCaseEntryKind.ContactAttempt).Max(e => (DateTimeOffset?)e.RecordedAt),
            c.HasReachedVictim, changesDue, c.Version);
    }
}
