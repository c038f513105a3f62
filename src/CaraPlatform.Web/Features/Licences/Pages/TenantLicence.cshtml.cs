using CaraPlatform.Web.Features.Licences.Contracts;

namespace CaraPlatform.Web.Features.Licences.Pages;

/// <summary>The service's own licence, read-only, for its ProviderAdmin.</summary>
[Authorize(Policy = LicenceAccess.TenantLicencePolicy)]
public sealed class TenantLicenceModel(ITenantLicence licence, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PageModel
{
    public TenantLicenceView? Licence { get; private set; }

    public string TenantName => tenants.MultiTenantContext.TenantInfo!.Name;

    public string TenantSlug => tenants.MultiTenantContext.TenantInfo!.Identifier;

    public Domain.Tenants.TenantDefinition TenantDefinition => tenants.MultiTenantContext.TenantInfo!.Settings;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Licence = await licence.CurrentAsync(cancellationToken);
}
