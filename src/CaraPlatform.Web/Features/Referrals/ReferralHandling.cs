namespace CaraPlatform.Web.Features.Referrals;

/// <summary>What the referral handlers share: the tenant they serve, and how an access to a referral is recorded.</summary>
internal static class ReferralHandling
{
    /// <summary>The route's tenant. The tenant is the platform's business: nothing in the handlers filters by it.</summary>
    public static CaraTenantInfo Current(this IMultiTenantContextAccessor<CaraTenantInfo> tenants) =>
        tenants.MultiTenantContext.TenantInfo ?? throw new InvalidOperationException("Referrals are handled inside a tenant.");

    /// <summary>Who did <paramref name="action"/> to the referral, a person or else an integration client (DPA 2018 s.62).</summary>
    public static AuditEntry AuditOf(string action, CaraTenantInfo tenant, Guid referralId, ClaimsPrincipal user) =>
        AuditEntries.By(user, action, tenant.TenantId, AuditEntries.Referral(referralId));

    /// <summary>Who did <paramref name="action"/>, on what <paramref name="subject"/> names (a search of referrals, say).</summary>
    public static AuditEntry AuditOf(string action, CaraTenantInfo tenant, string subject, ClaimsPrincipal user) =>
        AuditEntries.By(user, action, tenant.TenantId, subject);
}
