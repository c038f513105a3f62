using System.Globalization;
using System.Text;
using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.ForceReports;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.ForceReports;

/// <summary>A referral of the month as the annex lists it: what the police are told, no more.</summary>
/// <param name="PoliceReference">The force's reference.</param>
/// <param name="OffenderName">The offender's name.</param>
/// <param name="ForceCode">The referring force.</param>
/// <param name="Status">Where the referral stands.</param>
/// <param name="ReceivedOn">The day received.</param>
/// <param name="BookedOn">The day of the latest booking, if any.</param>
/// <param name="Workshop1">Workshop 1's date on that booking and, once taken, the register's mark.</param>
/// <param name="Workshop2">Workshop 2's date and mark likewise.</param>
public sealed record AnnexLine(
    string PoliceReference, string OffenderName, string ForceCode, ReferralStatus Status, DateOnly ReceivedOn, DateOnly? BookedOn,
    WorkshopDay? Workshop1, WorkshopDay? Workshop2);

/// <summary>A workshop's date and, once the register is taken, the participant's mark.</summary>
public sealed record WorkshopDay(DateOnly Date, AttendanceMark? Mark)
{
    public override string ToString() =>
        Date.ToString("d MMM yyyy", CultureInfo.InvariantCulture) + (Mark is { } mark ? $" ({Marks[mark]})" : "");

    private static readonly Dictionary<AttendanceMark, string> Marks = new()
    {
        [AttendanceMark.Attended] = "attended",
        [AttendanceMark.LateRefusedEntry] = "late, refused entry",
        [AttendanceMark.Absent] = "absent",
    };
}

/// <summary>What a force report says: the tenant's month in national figures, and the annex of its referrals.</summary>
/// <param name="TenantName">The service's name.</param>
/// <param name="Month">The month's first day.</param>
/// <param name="Languages">The languages the tenant offers (codes).</param>
/// <param name="Tables">The month's national tables for the tenant, suppressed.</param>
/// <param name="Annex">The month's referrals.</param>
/// <param name="MadeAt">When it was made.</param>
public sealed record ForceReportContent(
    string TenantName, DateOnly Month, IReadOnlyList<string> Languages, IReadOnlyList<NationalTable> Tables, IReadOnlyList<AnnexLine> Annex,
    DateTimeOffset MadeAt)
{
    public string Title => $"CARA force report: {TenantName}, {Month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}";

    public string FileName(string extension) => ForceReport.FileName(Month, extension);
}

/// <summary>Writes a force report as PDF and as CSV, the same figures and annex in each.</summary>
public static class ForceReportDocument
{
    private static readonly string[] AnnexHeader = ["Police reference", "Name", "Force", "Status", "Received", "Booked", "Workshop 1", "Workshop 2"];

    public static byte[] Pdf(ForceReportContent report)
    {
        using var pdf = new PdfLayout(report.Title, $"{report.Title} · made {UkCalendar.DateOf(report.MadeAt):d MMM yyyy} · OFFICIAL-SENSITIVE");
        pdf.Heading(report.Title, 16);
        pdf.Paragraph($"Languages offered: {string.Join(", ", report.Languages.Select(Language))}.");
        pdf.Paragraph("Figures count the referrals received in the month, as the national dashboard shows them for this service: " +
            $"a figure resting on fewer than {NationalCell.Threshold} people reads \"{NationalCell.SuppressedText}\", and so does one that would give it away.");
        foreach (var table in report.Tables)
        {
            pdf.Heading(table.Title, 11);
            if (table.Note is { } note) pdf.Paragraph(note);
            pdf.Table([table.RowHeader, .. table.Columns.Select(c => c.Header)],
                table.Rows.Select(r => (IReadOnlyList<string>)[r.Label, .. r.Cells.Select(c => c.Display)]),
                [2, .. table.Columns.Select(_ => 1.0)]);
        }

        pdf.Heading("Annex: the month's referrals", 13);
        pdf.Paragraph("For the force: each referral received in the month with where it stands. It holds no screening answers, feedback or victim details.");
        if (report.Annex.Count == 0) pdf.Paragraph("No referrals were received in the month.");
        else pdf.Table(AnnexHeader, report.Annex.Select(AnnexCells), [1.3, 2, 1.2, 1, 1, 0.9, 1.3, 1.3]);
        return pdf.ToBytes();
    }

    /// <summary>One CSV: each table as a block (a title line, its header, its rows), then the annex the same way.</summary>
    public static string Csv(ForceReportContent report)
    {
        var csv = new StringBuilder();
        Line(csv, [report.Title]);
        foreach (var table in report.Tables)
        {
            csv.Append("\r\n");
            Line(csv, [table.Title]);
            Line(csv, [table.RowHeader, .. table.Columns.Select(c => c.Header)]);
            foreach (var row in table.Rows) Line(csv, [row.Label, .. row.Cells.Select(c => c.Display)]);
        }

        csv.Append("\r\n");
        Line(csv, ["Annex: the month's referrals"]);
        Line(csv, AnnexHeader);
        foreach (var line in report.Annex) Line(csv, AnnexCells(line));
        return csv.ToString();
    }

    private static IReadOnlyList<string> AnnexCells(AnnexLine line) =>
    [
        line.PoliceReference, line.OffenderName, line.ForceCode, line.Status.ToString(), Day(line.ReceivedOn),
        line.BookedOn is { } booked ? Day(booked) : "", line.Workshop1?.ToString() ?? "", line.Workshop2?.ToString() ?? "",
    ];

    private static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    private static string Language(string code) =>
        LanguageNames.Native(code) is var native && native != LanguageNames.English(code) ? $"{LanguageNames.English(code)} ({native})" : LanguageNames.English(code);

    // RFC 4180, and a leading =, +, - or @ is quoted with an apostrophe so that a spreadsheet never runs a cell as a formula.
    private static void Line(StringBuilder csv, IEnumerable<string> cells) =>
        csv.AppendJoin(',', cells.Select(Field)).Append("\r\n");

    private static string Field(string value)
    {
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }
}
