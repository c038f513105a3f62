using CaraPlatform.Web.Features.Licences.Contracts;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>The service's own licence, read-only, for its ProviderAdmin.</summary>
[Authorize(Policy = LicenceAccess.TenantLicencePolicy)]
public sealed class TenantLicenceModel(ITenantLicence licence, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PageModel
{
    public TenantLicenceView? Licence { get; private set; }

    public string TenantName => tenants.Current().Name;

    public string TenantSlug => tenants.Current().Identifier;

    public Domain.Tenants.TenantDefinition TenantDefinition => tenants.Current().Settings;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Licence = await licence.CurrentAsync(cancellationToken);
}
