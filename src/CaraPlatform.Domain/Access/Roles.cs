namespace CaraPlatform.Domain.Access;

/// <summary>Roles a person holds in one tenant (DESIGN.md §3).</summary>
public enum TenantRole
{
    ProviderAdmin,
    Coordinator,
    Facilitator,
    VictimContactWorker,
    ForceSpoc,
}

/// <summary>Licence-holder roles that span tenants; each cross-tenant use is an explicit feature.</summary>
public enum PlatformRole
{
    LicenceAdmin,
    Trainer,
    QualityAssurer,
    Analyst,
}

/// <summary>What integration clients may be granted. Each tenant endpoint names the scope it needs.</summary>
public static class ApiScopes
{
    public const string VenuesRead = "venues.read";
    public const string VenuesWrite = "venues.write";
    public const string ReferralsRead = "referrals.read";
    public const string ReferralsWrite = "referrals.write";
    public const string OutcomesWrite = "outcomes.write";
    public const string WorkshopsRead = "workshops.read";
    public const string WorkshopsWrite = "workshops.write";

    public static readonly IReadOnlyList<string> All =
        [VenuesRead, VenuesWrite, ReferralsRead, ReferralsWrite, OutcomesWrite, WorkshopsRead, WorkshopsWrite];
}
