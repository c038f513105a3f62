namespace CaraPlatform.Web.Features.Materials.Pages;

/// <summary>A published (or withdrawn) release's distribution: each service's acknowledgement, the runs that used it, its downloads.</summary>
[Authorize(Policy = MaterialAccess.NationalPagePolicy)]
public sealed class ReleaseModel(MaterialCatalogue catalogue) : PageModel
{
    public MaterialItemResponse Item { get; private set; } = null!;

    public MaterialReleaseResponse Release { get; private set; } = null!;

    public IReadOnlyList<MaterialDistributionResponse> Distribution { get; private set; } = [];

    public IReadOnlyList<MaterialDownloadResponse> Downloads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken)
    {
        if (await catalogue.FindAsync(itemId, cancellationToken) is not { } item || item.Releases.FirstOrDefault(r => r.Id == releaseId) is not { } release)
            return NotFound();
        Item = item;
        Release = release;
        Distribution = await catalogue.DistributionAsync(itemId, releaseId, cancellationToken);
        Downloads = await catalogue.DownloadsAsync(itemId, releaseId, 100, cancellationToken);
        return Page();
    }
}
