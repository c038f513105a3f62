namespace CaraPlatform.Web.Features.Materials.Pages;

/// <summary>The catalogue: every item with its release in force. LicenceAdmin adds items; Trainer and QualityAssurer read.</summary>
[Authorize(Policy = MaterialAccess.NationalPagePolicy)]
public sealed class MaterialsModel(MaterialCatalogue catalogue, IAuthorizationService authorization) : PageModel
{
    public IReadOnlyList<MaterialItemResponse> Items { get; private set; } = [];

    public bool CanChange { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        CanChange = (await authorization.AuthorizeAsync(User, NationalPolicies.LicenceAdmin)).Succeeded;
        Items = await catalogue.ListAsync(cancellationToken);
    }
}
