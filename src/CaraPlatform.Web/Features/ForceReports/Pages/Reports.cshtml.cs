using CaraPlatform.Domain.ForceReports;

namespace CaraPlatform.Web.Features.ForceReports.Pages;

/// <summary>The tenant's monthly force reports with their PDF and CSV downloads (handler <c>file</c>), each download audited.</summary>
[Authorize(Policy = ForceReportAccess.ReaderPolicy)]
public sealed class ReportsModel(ForceReportQueries queries) : PortalPageModel
{
    public IReadOnlyList<ForceReportSummary> Reports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Reports = await queries.ListAsync(User, cancellationToken);

    public async Task<IActionResult> OnGetFileAsync(string month, ForceReportFormat format, CancellationToken cancellationToken) =>
        ForceReport.TryParseKey(month, out var first) && await queries.FileAsync(first, format, User, cancellationToken) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();
}
