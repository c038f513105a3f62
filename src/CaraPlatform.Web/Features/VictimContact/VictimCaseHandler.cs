using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Infrastructure.VictimContact;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>
/// Changes to victim-contact cases: who holds a case, its entries and its closure. Each change is audited under the
/// victim's subject in the same save; an escalation is a disclosure, audited once with its lawful basis as the reason.
/// </summary>
public sealed class VictimCaseHandler(
    CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, VictimDetailsProtector protector, Actors actors, UserTenants userTenants,
    IParticipantFacilitators facilitators, VictimCaseQueries queries, AuditTrail audit, TimeProvider clock)
{
    /// <summary>
    /// Gives the case to a victim-contact worker: a ProviderAdmin to anyone with the role, a worker only to themselves
    /// (403 otherwise). A facilitator of the participant is refused (409 naming workerId).
    /// </summary>
    public async Task<VictimCaseSummary?> AssignAsync(Guid caseId, AssignWorkerRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        var victimCase = await db.VictimCases.SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (victimCase is null) return null;
        var workerId = request.WorkerId!.Value;
        var callerRoles = await userTenants.RolesIn(tenant, user.PersonId() ?? Guid.Empty, cancellationToken) ?? [];
        if (!callerRoles.Contains(TenantRole.ProviderAdmin) && workerId != user.PersonId())
            throw ProblemException.Forbidden("Only a provider admin gives a case to someone else", "A victim-contact worker may take a case for themselves.");
        if (!(await userTenants.RolesIn(tenant, workerId, cancellationToken) ?? []).Contains(TenantRole.VictimContactWorker))
            throw ProblemException.Invalid([new("workerId", "is not a victim-contact worker of this tenant")]);

        db.Entry(victimCase).Property(c => c.Version).OriginalValue = request.Version!.Value;
        victimCase.Assign(workerId, [.. await facilitators.OfParticipantAsync(victimCase.ReferralId, cancellationToken)]);
        audit.Stage(db, AuditEntries.By(user, AuditActions.VictimCaseAssigned, tenant.TenantId, AuditEntries.Victim(victimCase.ReferralId)));
        await db.SaveChangesAsync(cancellationToken);
        return await queries.SummaryAsync(caseId, cancellationToken);
    }

    /// <summary>Adds an entry, its typed words encrypted; the case's rules decide whether it may be added.</summary>
    public async Task<VictimCaseSummary?> RecordAsync(Guid caseId, IVictimCaseEntryRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        if (await LoadAsync(caseId, cancellationToken) is not var (victimCase, progress)) return null;
        var entry = request.ToEntry(await actors.OfAsync(user), clock.GetUtcNow());
        entry.ProtectedNotes = protector.ProtectNotes(tenant.TenantId, request.Notes());
        victimCase.Record(entry, progress);
        db.VictimCaseEntries.Add(entry);
        var subject = AuditEntries.Victim(victimCase.ReferralId);
        audit.Stage(db, entry.Kind == VictimCaseEntryKind.Escalation
            ? AuditEntries.By(user, AuditActions.VictimDisclosure, tenant.TenantId, subject, $"safeguarding escalation to {entry.EscalatedTo}", entry.LawfulBasis)
            : AuditEntries.By(user, AuditActions.VictimContactRecorded, tenant.TenantId, subject, Words(entry.Kind)));
        await db.SaveChangesAsync(cancellationToken);
        return await queries.SummaryAsync(caseId, cancellationToken);
    }

    /// <summary>Closes the case with its reason; refused (409 naming referral) while the referral is still running.</summary>
    public async Task<VictimCaseSummary?> CloseAsync(Guid caseId, CloseCaseRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var tenant = tenants.Current();
        if (await LoadAsync(caseId, cancellationToken) is not var (victimCase, progress)) return null;
        var closure = VictimCaseEntry.Closure(await actors.OfAsync(user), clock.GetUtcNow());
        closure.ProtectedNotes = protector.ProtectNotes(tenant.TenantId, new VictimCaseNotes(Note: request.Reason!.Trim()));
        victimCase.Close(closure, progress);
        db.VictimCaseEntries.Add(closure);
        audit.Stage(db, AuditEntries.By(user, AuditActions.VictimCaseClosed, tenant.TenantId, AuditEntries.Victim(victimCase.ReferralId)));
        await db.SaveChangesAsync(cancellationToken);
        return await queries.SummaryAsync(caseId, cancellationToken);
    }

    private async Task<(VictimCase Case, ReferralProgress Progress)?> LoadAsync(Guid caseId, CancellationToken cancellationToken)
    {
        var victimCase = await db.VictimCases.Include(c => c.Entries).SingleOrDefaultAsync(c => c.Id == caseId, cancellationToken);
        if (victimCase is null) return null;
        var referral = await db.Referrals.AsNoTracking().SingleAsync(r => r.Id == victimCase.ReferralId, cancellationToken);
        return (victimCase, ReferralProgress.Of(referral));
    }

    /// <summary>What an entry is, in the audit trail's words.</summary>
    private static string Words(VictimCaseEntryKind kind) => kind switch
    {
        VictimCaseEntryKind.SafeContactCheck => "safe-contact check",
        VictimCaseEntryKind.ContactAttempt => "contact attempt",
        VictimCaseEntryKind.Needs => "needs and support",
        VictimCaseEntryKind.Signposting => "signposting",
        VictimCaseEntryKind.RiskReview => "risk review",
        VictimCaseEntryKind.ReportedChange => "victim-reported change",
        _ => kind.ToString(),
    };
}
