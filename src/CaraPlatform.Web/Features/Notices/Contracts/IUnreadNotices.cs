namespace CaraPlatform.Web.Features.Notices.Contracts;

/// <summary>What the portal's tenant navigation shows of the notice inbox: the unread count, for those who read it.</summary>
public interface IUnreadNotices
{
    /// <summary>Unread notices in the current tenant's inbox, or null when <paramref name="roles"/> do not read the inbox.</summary>
    Task<int?> UnreadForAsync(IReadOnlyCollection<TenantRole> roles, CancellationToken cancellationToken);
}
