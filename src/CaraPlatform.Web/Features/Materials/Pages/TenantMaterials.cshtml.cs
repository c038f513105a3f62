using CaraPlatform.Web.Portal;

namespace CaraPlatform.Web.Features.Materials.Pages;

/// <summary>The service's materials: what its licence covers and the person's roles read; its ProviderAdmin acknowledges releases.</summary>
[Authorize(Policy = MaterialAccess.TenantPagePolicy)]
public sealed class TenantMaterialsModel(
    TenantMaterials materials, MaterialDownloads downloads, UserTenants userTenants, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PortalPageModel
{
    public IReadOnlyList<TenantMaterialResponse> Materials { get; private set; } = [];

    public bool CanAcknowledge { get; private set; }

    public string? Done { get; private set; }

    public string TenantName => tenants.Current().Name;

    public string TenantSlug => tenants.Current().Identifier;

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done == "acknowledged" ? "The release is acknowledged." : null;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnGetFileAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        if (await materials.FindAsync(releaseId, cancellationToken) is not { } found) return NotFound();
        await (await downloads.ServeAsync(found.Item, found.Release, tenants.Current().TenantId, User, Response, cancellationToken)).ExecuteAsync(HttpContext);
        return new EmptyResult();
    }

    public async Task<IActionResult> OnPostAcknowledgeAsync(Guid releaseId, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (!CanAcknowledge) return Forbid();
        try
        {
            await materials.AcknowledgeAsync(releaseId, User, cancellationToken);
        }
        catch (ProblemException refusal)
        {
            Errors = [refusal.Problem.Title ?? "The acknowledgement was refused"];
            Response.StatusCode = refusal.Problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }

        return Redirect($"/t/{TenantSlug}/materials?done=acknowledged");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var roles = User.PersonId() is { } personId ? await userTenants.RolesIn(tenants.Current(), personId, cancellationToken) : null;
        CanAcknowledge = roles?.Contains(TenantRole.ProviderAdmin) == true;
        Materials = await materials.ListAsync(cancellationToken);
    }
}
