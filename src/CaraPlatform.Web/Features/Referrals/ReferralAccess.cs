namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// Who may do what with referrals, declared once: the API's endpoints and the portal's page policies take the same
/// role sets, so a page never lets in someone its endpoint would refuse.
/// </summary>
public static class ReferralAccess
{
    /// <summary>
    /// Every tenant role reads referrals, within its reach (<see cref="ReferralReach"/>): a facilitator only the participants
    /// of their own runs, a SPOC only their forces' referrals in the police's shape. The data protection officer finds the
    /// record a subject-access request is about; like everyone's, each view is audited.
    /// </summary>
    public static readonly TenantRole[] Readers =
    [
        TenantRole.ProviderAdmin, TenantRole.Coordinator, TenantRole.ForceSpoc, TenantRole.Facilitator, TenantRole.VictimContactWorker,
        TenantRole.DataProtectionOfficer,
    ];

    /// <summary>Who sends and corrects referrals: the force's SPOC, and the provider's coordinators and admins.</summary>
    public static readonly TenantRole[] Referrers = [TenantRole.ForceSpoc, TenantRole.Coordinator, TenantRole.ProviderAdmin];

    /// <summary>Who screens referrals and contacts offenders: coordinators and provider admins.</summary>
    public static readonly TenantRole[] Screeners = [TenantRole.Coordinator, TenantRole.ProviderAdmin];

    /// <summary>Who makes the police's own moves: withdrawal, the decision after a breach, an extension.</summary>
    public static readonly TenantRole[] Police = [TenantRole.ForceSpoc];

    /// <summary>Who may see a victim's details: victim-contact workers, and provider admins for safeguarding oversight.</summary>
    public static readonly TenantRole[] VictimContacts = [TenantRole.VictimContactWorker, TenantRole.ProviderAdmin];

    /// <summary>Pages for the <see cref="Readers"/>.</summary>
    public const string ReaderPolicy = "ReferralReader";

    /// <summary>Pages for the <see cref="Referrers"/>.</summary>
    public const string ReferrerPolicy = "ReferralReferrer";

    /// <summary>Pages for the <see cref="Screeners"/>.</summary>
    public const string ScreenerPolicy = "ReferralScreener";

    /// <summary>Pages for the <see cref="VictimContacts"/>.</summary>
    public const string VictimContactPolicy = "VictimContact";

    /// <summary>The page policies: the Identity cookie, and one of the roles in the route's tenant.</summary>
    internal static void AddReferralPagePolicies(this IServiceCollection services) =>
        services.AddAuthorizationBuilder()
            .AddTenantPagePolicy(ReaderPolicy, Readers)
            .AddTenantPagePolicy(ReferrerPolicy, Referrers)
            .AddTenantPagePolicy(ScreenerPolicy, Screeners)
            .AddTenantPagePolicy(VictimContactPolicy, VictimContacts);
}
