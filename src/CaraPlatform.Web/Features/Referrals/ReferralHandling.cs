namespace CaraPlatform.Web.Features.Referrals;

/// <summary>What the referral handlers share: how an access to a referral is recorded.</summary>
internal static class ReferralHandling
{
    /// <summary>Who did <paramref name="action"/> to the referral, a person or else an integration client (DPA 2018 s.62).</summary>
    public static AuditEntry AuditOf(string action, CaraTenantInfo tenant, Guid referralId, ClaimsPrincipal user) =>
        AuditEntries.By(user, action, tenant.TenantId, AuditEntries.Referral(referralId));

    /// <summary>Who did <paramref name="action"/>, on what <paramref name="subject"/> names (a search of referrals, say).</summary>
    public static AuditEntry AuditOf(string action, CaraTenantInfo tenant, string subject, ClaimsPrincipal user) =>
        AuditEntries.By(user, action, tenant.TenantId, subject);
}
