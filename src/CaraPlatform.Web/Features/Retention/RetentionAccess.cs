namespace CaraPlatform.Web.Features.Retention;

/// <summary>Who may see and decide the retention worklist and read the erasure log, for the API and the portal alike.</summary>
public static class RetentionAccess
{
    public const string ReviewersPolicy = "RetentionReviewers";

    /// <summary>The provider's administrator and its data-protection officer: the people who answer for retention.</summary>
    public static readonly TenantRole[] Reviewers = [TenantRole.ProviderAdmin, TenantRole.DataProtectionOfficer];
}
