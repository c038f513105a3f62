using System.Globalization;

namespace CaraPlatform.Infrastructure.Tenancy;

/// <summary>The tenant as the platform serves it: its id, slug, name and the settings from its tenant file.</summary>
public sealed class CaraTenantInfo(Guid tenantId, string identifier, string name, TenantDefinition settings) : ITenantInfo
{
    public Guid TenantId { get; } = tenantId;

    public string Id => TenantId.ToString("D", CultureInfo.InvariantCulture);

    public string Identifier { get; } = identifier;

    public string Name { get; } = name;

    public TenantDefinition Settings { get; } = settings;

    public static CaraTenantInfo From(Tenant tenant) => new(tenant.Id, tenant.Slug, tenant.Name, tenant.Definition);
}
