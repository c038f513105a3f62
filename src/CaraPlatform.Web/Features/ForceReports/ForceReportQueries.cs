using System.Text;
using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>A month's report as listed.</summary>
/// <param name="Month">The month, as <c>yyyy-MM</c>.</param>
/// <param name="MadeAt">When it was made.</param>
/// <param name="SentAt">When it was emailed to the recipients (null when the tenant names none).</param>
public sealed record ForceReportSummary(string Month, DateTimeOffset MadeAt, DateTimeOffset? SentAt);

/// <summary>A report's file to download.</summary>
public sealed record ForceReportFile(byte[] Content, string ContentType, string FileName);

/// <summary>The formats a report is kept in.</summary>
public enum ForceReportFormat { Pdf, Csv }

/// <summary>
/// The tenant's force reports, for the API and the Reports page alike; every download is audited as a view. A report
/// covers the whole service, so a SPOC serving only some of a tenant's forces reads none (their force's referrals are on
/// the referral list).
/// </summary>
public sealed class ForceReportQueries(CaraDbContext db, IMultiTenantContextAccessor<CaraTenantInfo> tenants, AuditTrail audit, IReferralReach reach)
{
    /// <summary>Every month's report <paramref name="user"/> may read, newest first.</summary>
    public async Task<List<ForceReportSummary>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        !await reach.ReadsEveryForceAsync(user, cancellationToken) ? [] : await db.ForceReports.AsNoTracking().OrderByDescending(r => r.Month)
            .Select(r => new ForceReportSummary(ForceReport.Key(r.Month), r.MadeAt, r.SentAt)).ToListAsync(cancellationToken);

    /// <summary>The month's report in <paramref name="format"/>, its view audited; null when there is none <paramref name="user"/> may read.</summary>
    public async Task<ForceReportFile?> FileAsync(DateOnly month, ForceReportFormat format, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await reach.ReadsEveryForceAsync(user, cancellationToken)) return null;
        var report = await db.ForceReports.AsNoTracking().SingleOrDefaultAsync(r => r.Month == month, cancellationToken);
        if (report is null) return null;
        await audit.RecordAsync(AuditEntries.By(user, AuditActions.ForceReportViewed, tenants.Current().TenantId, $"force-report:{ForceReport.Key(month)}",
            format.ToString().ToUpperInvariant()), cancellationToken);
        return format == ForceReportFormat.Pdf
            ? new ForceReportFile(report.Pdf, "application/pdf", ForceReport.FileName(month, "pdf"))
            : new ForceReportFile(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(report.Csv)).ToArray(), "text/csv; charset=utf-8", ForceReport.FileName(month, "csv"));
    }
}
