namespace CaraPlatform.Web.Portal;

/// <summary>
/// A page a feature offers in a tenant's service navigation, to the roles that may use it; features register theirs
/// in their module (<see cref="PortalLinks.AddPortalLink"/>), so the shell knows no feature.
/// </summary>
/// <param name="Text">The link's words in the navigation.</param>
/// <param name="Path">The page's path below <c>/t/{tenant}/</c>.</param>
/// <param name="Roles">The tenant roles that see the link (any one of them).</param>
/// <param name="Order">Its place in the navigation, after Home.</param>
public sealed record PortalLink(string Text, string Path, IReadOnlyList<TenantRole> Roles, int Order)
{
    /// <summary>A count shown beside the link for the caller, who holds the roles given (unread notices); null shows none.</summary>
    public Func<IServiceProvider, IReadOnlyList<TenantRole>, ClaimsPrincipal, CancellationToken, Task<int?>>? Count { get; init; }
}

public static class PortalLinks
{
    public static IServiceCollection AddPortalLink(this IServiceCollection services, PortalLink link) => services.AddSingleton(link);
}
