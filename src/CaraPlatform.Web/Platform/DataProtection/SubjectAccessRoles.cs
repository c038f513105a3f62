namespace CaraPlatform.Web.Platform.DataProtection;

/// <summary>Who answers subject-access requests, declared once for the export's endpoint, its page and the links to it.</summary>
public static class SubjectAccessRoles
{
    /// <summary>Provider admins and the tenant's data protection officer; never an integration client.</summary>
    public static readonly TenantRole[] Exporters = [TenantRole.ProviderAdmin, TenantRole.DataProtectionOfficer];
}
