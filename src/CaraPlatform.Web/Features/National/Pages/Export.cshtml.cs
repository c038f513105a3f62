using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National.Exports;

namespace CaraPlatform.Web.Features.National.Pages;

/// <summary>
/// An "Export everything" job's progress and, when done, its download; only for the person who asked (anyone else is
/// told it is not found). The page reloads itself while the job runs (an HTTP Refresh header: no script needed).
/// </summary>
[Authorize(Policy = NationalPolicies.Data)]
public sealed class ExportModel(NationalExports exports) : PortalPageModel
{
    /// <summary>Seconds between reloads while the workbook is being written.</summary>
    public const int RefreshSeconds = 2;

    public NationalExportStatus Job { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        if (await exports.StatusAsync(jobId, Person, cancellationToken) is not { } job) return NotFound();
        Job = job;
        if (job.State is NationalExportState.Queued or NationalExportState.Running)
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid jobId, CancellationToken cancellationToken) =>
        await exports.DownloadAsync(jobId, Person, cancellationToken) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();

    // The data policy admits signed-in people only.
    private Guid Person => User.PersonId() ?? throw new InvalidOperationException("No person signed in.");
}
