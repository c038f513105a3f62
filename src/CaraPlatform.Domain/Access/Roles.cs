namespace CaraPlatform.Domain.Access;

/// <summary>Roles a person holds in one tenant (DESIGN.md §3).</summary>
public enum TenantRole
{
    ProviderAdmin,
    Coordinator,
    Facilitator,
    VictimContactWorker,
    ForceSpoc,

    /// <summary>Reads the tenant's audit trail and answers subject-access requests (DPA 2018 Part 3).</summary>
    DataProtectionOfficer,
}

/// <summary>Licence-holder roles that span tenants; each cross-tenant use is an explicit feature.</summary>
public enum PlatformRole
{
    LicenceAdmin,
    Trainer,
    QualityAssurer,
    Analyst,
}

/// <summary>
/// OAuth scopes of the API. Every endpoint names the one it needs, and a token reaches it only when it carries that
/// scope: a person's token needs the scope as well as the role, so a token granted <c>openid</c> alone reaches nothing.
/// </summary>
public static class ApiScopes
{
    public const string VenuesRead = "venues.read";
    public const string VenuesWrite = "venues.write";
    public const string ReferralsRead = "referrals.read";
    public const string ReferralsWrite = "referrals.write";
    public const string OutcomesWrite = "outcomes.write";
    public const string WorkshopsRead = "workshops.read";
    public const string WorkshopsWrite = "workshops.write";

    /// <summary>The victim's details. Only for people, through applications the licence holder trusts with it.</summary>
    public const string VictimsRead = "victims.read";

    /// <summary>Recording on victim-contact cases. Only for people, like <see cref="VictimsRead"/>.</summary>
    public const string VictimsWrite = "victims.write";

    /// <summary>Running the tenant's service: members, invitations, integration clients and the webhook log.</summary>
    public const string TenantAdmin = "tenant.admin";

    /// <summary>The tenant's audit log (ProviderAdmin, DataProtectionOfficer). Only for people: what was done to whom is no client's business.</summary>
    public const string AuditRead = "audit.read";

    /// <summary>The licence holder's functions under /api/v1/national.</summary>
    public const string PlatformAdmin = "platform.admin";

    /// <summary>Tenants' licences, read across tenants (licence-holder staff and national integration clients).</summary>
    public const string LicencesRead = "licences.read";

    /// <summary>Granting, changing and ending licences (LicenceAdmin).</summary>
    public const string LicencesWrite = "licences.write";

    /// <summary>Training and supervision records, read across tenants (licence-holder staff and national integration clients).</summary>
    public const string TrainingRead = "training.read";

    /// <summary>Recording training, sign-offs and supervision (Trainer, LicenceAdmin).</summary>
    public const string TrainingWrite = "training.write";

    /// <summary>The pseudonymised national data: measures, dashboard tables and their exports (Analyst, LicenceAdmin).</summary>
    public const string NationalRead = "national.read";

    /// <summary>The licence holder's materials: the catalogue (licence-holder staff) and a tenant's licensed releases (its staff).</summary>
    public const string MaterialsRead = "materials.read";

    /// <summary>Cataloguing, uploading, publishing and withdrawing materials (LicenceAdmin); a tenant's acknowledgement (ProviderAdmin).</summary>
    public const string MaterialsWrite = "materials.write";

    /// <summary>Quality-assurance reviews, read across tenants (QualityAssurer, LicenceAdmin and national integration clients).</summary>
    public const string QaRead = "qa.read";

    /// <summary>Recording and verifying quality-assurance reviews (QualityAssurer).</summary>
    public const string QaWrite = "qa.write";

    /// <summary>What a ProviderAdmin may grant an integration client.</summary>
    public static readonly IReadOnlyList<string> ClientScopes =
        [VenuesRead, VenuesWrite, ReferralsRead, ReferralsWrite, OutcomesWrite, WorkshopsRead, WorkshopsWrite];

    /// <summary>What a LicenceAdmin may grant a national integration client (read-only, across tenants).</summary>
    public static readonly IReadOnlyList<string> NationalClientScopes = [LicencesRead, TrainingRead, NationalRead, QaRead];

    /// <summary>Scopes for people only: never granted to an integration client, and refused to one that somehow holds them.</summary>
    public static readonly IReadOnlyList<string> PersonScopes =
        [VictimsRead, VictimsWrite, TenantAdmin, AuditRead, PlatformAdmin, LicencesWrite, TrainingWrite, MaterialsRead, MaterialsWrite, QaWrite];

    public static readonly IReadOnlyList<string> Every = [.. ClientScopes, .. NationalClientScopes, .. PersonScopes];
}
