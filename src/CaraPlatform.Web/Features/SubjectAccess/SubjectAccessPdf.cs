using System.Globalization;
using CaraPlatform.Web.Platform.DataProtection;
using CaraPlatform.Web.Platform.Documents;
using UglyToad.PdfPig.Writer;

namespace CaraPlatform.Web.Features.SubjectAccess;

/// <summary>Lays out a <see cref="SubjectAccessExport"/> as an A4 PDF: each section's records as name and value lines, then what was left out.</summary>
public static class SubjectAccessPdf
{
    private const double BodySize = 10;
    private const double HeadingSize = 13;
    private const double TitleSize = 18;

    public static byte[] Render(SubjectAccessExport export)
    {
        ArgumentNullException.ThrowIfNull(export);
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = "Subject access request";
        builder.DocumentInformation.Author = PdfTextWriter.ToEncodableText(export.Provider);
        var writer = new PdfTextWriter(builder);

        writer.Paragraph("Subject access request", TitleSize, bold: true);
        writer.Paragraph($"{export.Provider}: the personal data we hold about the {Whose(export.Subject)} of referral {export.ReferralId}", BodySize);
        writer.Paragraph($"Produced {SubjectAccessFields.Text(export.ProducedAt)}", BodySize);
        foreach (var section in export.Sections)
        {
            writer.Space(BodySize);
            writer.Paragraph(section.Title, HeadingSize, bold: true);
            if (section.Records.Count == 0) writer.Paragraph("Nothing held.", BodySize);
            foreach (var record in section.Records)
            {
                writer.Space(BodySize / 2);
                foreach (var field in record)
                    writer.Paragraph($"{field.Name}: {field.Value ?? "-"}", BodySize);
            }
        }

        writer.Space(BodySize);
        writer.Paragraph("What we left out, and why", HeadingSize, bold: true);
        foreach (var redaction in export.Redactions)
            writer.Paragraph($"{redaction.What}: {redaction.Why}", BodySize, bullet: true);
        return builder.Build();
    }

    public static string FileName(SubjectAccessExport export, ExportFormat format) =>
        string.Create(CultureInfo.InvariantCulture, $"subject-access-{Whose(export.Subject)}-{export.ReferralId}.{format.ToString().ToLowerInvariant()}");

    private static string Whose(DataSubject subject) => subject == DataSubject.Offender ? "offender" : "victim";
}
