using System.Text.Json;
using CaraPlatform.Web.Platform.DataProtection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CaraPlatform.Web.Features.SubjectAccess.Pages;

/// <summary>
/// Where a provider admin or the data protection officer answers a subject-access request: the offender's or the
/// victim's export of a referral, downloaded as JSON or PDF; each download is audited by the handler.
/// </summary>
[Authorize(Policy = SubjectAccessModule.ExporterPolicy)]
public sealed class ExportModel(SubjectAccessExports exports, IOptions<JsonOptions> json) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnGetDownloadAsync(Guid referralId, string? subject, string? format, CancellationToken cancellationToken)
    {
        var (dataSubject, exportFormat) = SubjectAccessModule.Parse(subject, format);
        if (await exports.ExportAsync(referralId, dataSubject, exportFormat, User, cancellationToken) is not { } export) return NotFound();
        Response.Headers.CacheControl = "no-store";
        var name = SubjectAccessPdf.FileName(export, exportFormat);
        return exportFormat == ExportFormat.Pdf
            ? File(SubjectAccessPdf.Render(export), "application/pdf", name)
            : File(JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions), "application/json", name);
    }
}
