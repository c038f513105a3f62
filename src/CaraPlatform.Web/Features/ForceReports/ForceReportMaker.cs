using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Web.Features.National.Contracts;
using CaraPlatform.Web.Features.Referrals.Contracts;
using CaraPlatform.Web.Features.Workshops.Contracts;
using CaraPlatform.Web.Platform.Mail;
using Npgsql;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>
/// Makes a tenant's report for a month, inside the tenant's scope: the month's national figures for the tenant (the
/// dashboard's tables), the annex of its referrals in the police's shape, kept as PDF and CSV and emailed with the PDF
/// attached to the tenant's SPOC and report recipients, in one transaction. A month is made once: a second attempt,
/// here or on another instance, finds it made (the unique index decides a race).
/// </summary>
public sealed class ForceReportMaker(
    CaraDbContext db, ITenantFigures figures, IReferralsOfMonth referrals, IReferralBookings bookings, Mailbox mailbox, TimeProvider clock)
{
    public const string MailKind = "force-report";

    public Task<bool> IsMadeAsync(DateOnly month, CancellationToken cancellationToken) =>
        db.ForceReports.AnyAsync(r => r.Month == month, cancellationToken);

    /// <summary>The report of <paramref name="month"/>, made now; null when it had been made before.</summary>
    public async Task<ForceReport?> MakeAsync(CaraTenantInfo tenant, DateOnly month, CancellationToken cancellationToken)
    {
        var content = new ForceReportContent(
            tenant.Name, month, tenant.Settings.Languages, await figures.OfMonthAsync(tenant.Identifier, month, cancellationToken),
            await AnnexAsync(month, cancellationToken), clock.GetUtcNow());
        var report = new ForceReport
        {
            Month = month,
            Pdf = ForceReportDocument.Pdf(content),
            Csv = ForceReportDocument.Csv(content),
            MadeAt = content.MadeAt,
        };
        db.ForceReports.Add(report);
        var recipients = tenant.Settings.Notifications.ForceReportRecipients();
        foreach (var to in recipients)
        {
            mailbox.Stage(db, new MailMessage(to, content.Title, Body(content), MailKind, new MailAttachment(content.FileName("pdf"), report.Pdf)));
        }

        if (recipients.Count > 0) report.SentAt = content.MadeAt;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return null; // another instance made it meanwhile
        }

        return report;
    }

    private async Task<List<AnnexLine>> AnnexAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var lines = new List<AnnexLine>();
        foreach (var referral in await referrals.ReceivedInAsync(month, cancellationToken))
        {
            var latest = (await bookings.OfReferralAsync(referral.Id, cancellationToken)).FirstOrDefault()?.ForPolice();
            lines.Add(new AnnexLine(
                referral.PoliceReference, referral.OffenderName, referral.ForceCode, referral.Status, referral.ReceivedOn,
                latest is null ? null : UkCalendar.DateOf(latest.BookedAt),
                latest is null ? null : new WorkshopDay(latest.Workshop1Date, latest.Workshop1),
                latest is null ? null : new WorkshopDay(latest.Workshop2Date, latest.Workshop2)));
        }

        return lines;
    }

    private static string Body(ForceReportContent report) => $"""
        {report.Title}

        The report is attached as a PDF: the month's figures for {report.TenantName} as the national dashboard shows them,
        and an annex of the month's referrals with where each stands. It names offenders: keep it as OFFICIAL-SENSITIVE.
        It can also be downloaded, with a CSV of the same figures, from the service's Reports page.
        """;
}
