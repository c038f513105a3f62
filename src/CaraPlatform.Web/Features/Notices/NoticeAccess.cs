namespace CaraPlatform.Web.Features.Notices;

/// <summary>Who may do what with notices, declared once for the API's endpoints and the portal's pages alike.</summary>
public static class NoticeAccess
{
    /// <summary>The portal policy of the inbox page: <see cref="InboxReaders"/> of the route's tenant.</summary>
    public const string InboxReadersPolicy = "NoticeInboxReaders";

    /// <summary>The inbox: the force's SPOC, and the provider staff who answer to them.</summary>
    public static readonly TenantRole[] InboxReaders = [TenantRole.ForceSpoc, TenantRole.Coordinator, TenantRole.ProviderAdmin];

    /// <summary>Only the SPOC marks a notice read: it tells the provider the police have seen it.</summary>
    public static readonly TenantRole[] InboxMarkers = [TenantRole.ForceSpoc];

    /// <summary>The webhook's delivery log and replays.</summary>
    public static readonly TenantRole[] WebhookAdmins = [TenantRole.ProviderAdmin];
}
