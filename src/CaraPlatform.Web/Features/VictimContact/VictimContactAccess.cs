namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>Who works the victim-contact caseload, declared once for its endpoints and pages.</summary>
public static class VictimContactAccess
{
    /// <summary>Page policy of <see cref="Workers"/>.</summary>
    public const string WorkerPolicy = "VictimContactCaseload";

    /// <summary>Victim-contact workers, and provider admins for safeguarding oversight and assigning cases; never anyone else.</summary>
    public static readonly TenantRole[] Workers = [TenantRole.VictimContactWorker, TenantRole.ProviderAdmin];
}
