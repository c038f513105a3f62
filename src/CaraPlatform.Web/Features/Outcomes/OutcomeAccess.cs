namespace CaraPlatform.Web.Features.Outcomes;

/// <summary>Who records the police's reoffending follow-ups, declared once for the API and the upload page.</summary>
public static class OutcomeAccess
{
    public const string RecordersPolicy = "OutcomeRecorders";

    /// <summary>The force's SPOC sends them; the provider's admin uploads them for a force without an integration.</summary>
    public static readonly TenantRole[] Recorders = [TenantRole.ForceSpoc, TenantRole.ProviderAdmin];
}
