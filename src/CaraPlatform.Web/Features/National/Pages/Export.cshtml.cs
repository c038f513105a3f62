using CaraPlatform.Domain.National;
using CaraPlatform.Web.Features.National.Exports;

namespace CaraPlatform.Web.Features.National.Pages;

/// <summary>
/// The person's own "Export everything" jobs: progress while written and, when done, the download; nobody else's are
/// listed or downloadable. The page reloads itself while one runs (an HTTP Refresh header: no script needed).
/// </summary>
[Authorize(Policy = NationalPolicies.Data)]
public sealed class ExportModel(NationalExports exports) : PortalPageModel
{
    /// <summary>Seconds between reloads while the workbook is being written.</summary>
    public const int RefreshSeconds = 2;

    public IReadOnlyList<NationalExportStatus> Jobs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Jobs = await exports.MineAsync(Person, cancellationToken);
        if (Jobs.Any(j => j.State is NationalExportState.Queued or NationalExportState.Running))
            Response.Headers["Refresh"] = RefreshSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnGetDownloadAsync(Guid jobId, CancellationToken cancellationToken) =>
        await exports.DownloadAsync(jobId, Person, cancellationToken) is { } file
            ? File(file.Content, file.ContentType, file.FileName)
            : NotFound();

    // The data policy admits signed-in people only.
    private Guid Person => User.PersonId() ?? throw new InvalidOperationException("No person signed in.");
}
