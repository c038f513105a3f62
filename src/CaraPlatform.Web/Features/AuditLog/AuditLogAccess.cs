namespace CaraPlatform.Web.Features.AuditLog;

/// <summary>Who reads the tenant's audit log: its provider admins and its data protection officers (DPA 2018 s.62).</summary>
public static class AuditLogAccess
{
    public static readonly TenantRole[] Readers = [TenantRole.ProviderAdmin, TenantRole.DataProtectionOfficer];

    /// <summary>Pages for the <see cref="Readers"/>.</summary>
    public const string ReaderPolicy = "AuditLogReader";
}
