using CaraPlatform.Web.Portal;

namespace CaraPlatform.Web.Features.Materials.Pages;

/// <summary>
/// An item and its releases; the LicenceAdmin starts a release, uploads its file, publishes or deletes the draft, and
/// withdraws a published one. Every reader downloads the files (logged, like every download).
/// </summary>
/// <remarks>The page takes a file as large as the materials' own limit allows (checked while it streams to storage).</remarks>
[Authorize(Policy = MaterialAccess.NationalPagePolicy)]
[RequestFormLimits(MultipartBodyLengthLimit = long.MaxValue)]
[DisableRequestSizeLimit]
public sealed class MaterialModel(MaterialCatalogue catalogue, MaterialDownloads downloads, IAuthorizationService authorization) : PortalPageModel
{
    public MaterialItemResponse Item { get; private set; } = null!;

    public bool CanChange { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid itemId, string? done, CancellationToken cancellationToken)
    {
        Done = done switch
        {
            "created" => "The item was added. Start its first release below.",
            "release" => "The draft release was started. Upload its file, then publish it.",
            "uploaded" => "The file was uploaded and checked.",
            "published" => "The release was published: the licensed services' administrators have been told.",
            "withdrawn" => "The release was withdrawn.",
            "deleted" => "The draft was deleted.",
            _ => null,
        };
        return await ShowAsync(itemId, cancellationToken);
    }

    public async Task<IActionResult> OnGetFileAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken)
    {
        var (item, release) = await catalogue.ForDownloadAsync(itemId, releaseId, cancellationToken);
        await (await downloads.ServeAsync(item, release, null, User, Response, cancellationToken)).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public Task<IActionResult> OnPostReleaseAsync(Guid itemId, string? releaseNotes, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, "release", () => catalogue.CreateReleaseAsync(itemId, new CreateMaterialReleaseRequest(releaseNotes), cancellationToken), cancellationToken);

    /// <summary>The file goes from the form's temporary file to storage.</summary>
    public Task<IActionResult> OnPostUploadAsync(Guid itemId, Guid releaseId, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0) return ShowAgainAsync(ShowAsync(itemId, cancellationToken), ["Choose the file to upload"], StatusCodes.Status400BadRequest);
        return ChangeAsync(itemId, "uploaded", async () =>
        {
            await using var content = file.OpenReadStream();
            return await catalogue.UploadAsync(itemId, releaseId, content, file.FileName, cancellationToken);
        }, cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(Guid itemId, Guid releaseId, string? releaseNotes, uint version, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, "published", () => catalogue.PublishAsync(itemId, releaseId, new PublishMaterialReleaseRequest(releaseNotes, version), User, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostWithdrawAsync(Guid itemId, Guid releaseId, string? reason, uint version, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason)) return ShowAgainAsync(ShowAsync(itemId, cancellationToken), ["Say why the release is withdrawn"], StatusCodes.Status400BadRequest);
        return ChangeAsync(itemId, "withdrawn", () => catalogue.WithdrawAsync(itemId, releaseId, new WithdrawMaterialReleaseRequest(reason, version), cancellationToken), cancellationToken);
    }

    public Task<IActionResult> OnPostDeleteAsync(Guid itemId, Guid releaseId, CancellationToken cancellationToken) =>
        ChangeAsync(itemId, "deleted", async () =>
        {
            await catalogue.DeleteDraftAsync(itemId, releaseId, cancellationToken);
            return releaseId;
        }, cancellationToken);

    private async Task<IActionResult> ChangeAsync<T>(Guid itemId, string done, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NationalPolicies.LicenceAdmin)).Succeeded) return Forbid();
        try
        {
            await change();
        }
        catch (ProblemException refusal)
        {
            var errors = refusal.Problem is HttpValidationProblemDetails invalid ? [.. invalid.Errors.SelectMany(e => e.Value)] : new List<string> { refusal.Problem.Title ?? "The change was refused" };
            return await ShowAgainAsync(ShowAsync(itemId, cancellationToken), errors, refusal.Problem.Status ?? StatusCodes.Status400BadRequest);
        }
        catch (Domain.Materials.MaterialRuleException refused)
        {
            return await ShowAgainAsync(ShowAsync(itemId, cancellationToken), [refused.Message], StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(ShowAsync(itemId, cancellationToken), ["Someone else changed the release meanwhile: here it is as it is now"], StatusCodes.Status409Conflict);
        }

        return Redirect($"/national/materials/{itemId}?done={done}");
    }

    private async Task<IActionResult> ShowAsync(Guid itemId, CancellationToken cancellationToken)
    {
        if (await catalogue.FindAsync(itemId, cancellationToken) is not { } item) return NotFound();
        Item = item;
        CanChange = (await authorization.AuthorizeAsync(User, NationalPolicies.LicenceAdmin)).Succeeded;
        return Page();
    }
}
