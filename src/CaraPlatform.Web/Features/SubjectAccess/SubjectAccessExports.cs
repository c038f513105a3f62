using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Common;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Platform.DataProtection;
using static CaraPlatform.Web.Platform.DataProtection.SubjectAccessFields;

namespace CaraPlatform.Web.Features.SubjectAccess;

/// <summary>The file an export is given as.</summary>
public enum ExportFormat { Json, Pdf }

/// <summary>
/// Everything held about one data subject of a referral, gathered from every feature that holds some, with what was left
/// out and why (<see cref="Redactions"/>).
/// </summary>
public sealed record SubjectAccessExport(
    DataSubject Subject, Guid ReferralId, string Provider, DateTimeOffset ProducedAt, IReadOnlyList<SubjectAccessSection> Sections)
{
    public IReadOnlyList<SubjectAccessRedaction> Redactions => [.. Sections.SelectMany(s => s.Redactions)];
}

/// <summary>
/// Answers a subject-access request (DPA 2018 s.45) for the offender or the victim of a referral: each feature's
/// <see cref="ISubjectAccessSource"/> gives its sections, this adds who has viewed or disclosed the record (the audit
/// trail), and the export itself is audited once.
/// </summary>
public sealed class SubjectAccessExports(
    IEnumerable<ISubjectAccessSource> sources, IReferralReach referrals, CaraDbContext db, AuditTrail audit,
    IMultiTenantContextAccessor<CaraTenantInfo> tenants, TimeProvider clock)
{
    /// <summary>The export, or null for a referral not in the tenant.</summary>
    public async Task<SubjectAccessExport?> ExportAsync(
        Guid referralId, DataSubject subject, ExportFormat format, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await referrals.CanReadAsync(referralId, user, cancellationToken)) return null;
        var sections = new List<SubjectAccessSection>();
        foreach (var source in sources)
            sections.AddRange(await source.SectionsAsync(subject, referralId, cancellationToken));
        sections.Add(await AuditSectionAsync(subject, referralId, cancellationToken));

        var tenant = tenants.Current();
        await audit.RecordAsync(
            AuditEntries.By(user, AuditActions.SubjectAccessExported, tenant.TenantId, SubjectOf(subject, referralId), $"{subject} {format}"),
            cancellationToken);
        return new SubjectAccessExport(subject, referralId, tenant.Settings.Provider.Name, clock.GetUtcNow(), sections);
    }

    private static string SubjectOf(DataSubject subject, Guid referralId) =>
        subject == DataSubject.Offender ? AuditEntries.Referral(referralId) : AuditEntries.Victim(referralId);

    /// <summary>Who viewed, changed or disclosed the record, and why; by role of caller, since staff are third parties.</summary>
    private async Task<SubjectAccessSection> AuditSectionAsync(DataSubject subject, Guid referralId, CancellationToken cancellationToken)
    {
        var about = SubjectOf(subject, referralId);
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.Subject == about).OrderBy(e => e.OccurredAt).ToListAsync(cancellationToken);
        return new SubjectAccessSection(
            "Who viewed, changed or disclosed the record",
            [.. events.Select(e => Record(
                Of("When", e.OccurredAt), Of("What", e.Action), Of("Detail", e.Detail), Of("Why", e.Reason),
                Of("By", e.ActorClientId is { } client ? $"Integration client {client}" : "A member of staff")))],
            [new("Which member of staff each was", "Staff members' identities are third-party data (DPA 2018 s.45(4)(e))")]);
    }
}
