using System.Runtime.ExceptionServices;
using CaraPlatform.Web.Features.Members.Contracts;

namespace CaraPlatform.Web.Features.PlatformStaff;

/// <summary>A tenant a LicenceAdmin may invite an administrator to.</summary>
public sealed record TenantChoice(string Identifier, string Name);

/// <summary>
/// A tenant's first ProviderAdmin invited from the national portal, where the tenant is chosen in a form rather than
/// named by the route: the invitation is made inside that tenant's scope by the tenant runner, through the members
/// feature's <see cref="IMemberInviter"/>, as the API's <c>InviteTenantAdmin</c> does.
/// </summary>
public sealed class TenantAdminInvitations(IMultiTenantStore<CaraTenantInfo> tenants, TenantRunner runner)
{
    public async Task<List<TenantChoice>> TenantsAsync(CancellationToken cancellationToken) =>
        [.. (await tenants.GetAllAsync(cancellationToken)).OrderBy(t => t.Name).Select(t => new TenantChoice(t.Identifier, t.Name))];

    /// <summary>The invitation, or null when no active tenant has that identifier.</summary>
    public async Task<InvitationResponse?> InviteAsync(string tenant, string email, Guid? invitedBy, Uri siteRoot, CancellationToken cancellationToken)
    {
        var run = await runner.RunAsync("Inviting a tenant's administrator",
            (_, services, ct) => services.GetRequiredService<IMemberInviter>().InviteAsync(email, [TenantRole.ProviderAdmin], invitedBy, siteRoot, ct),
            t => t.Identifier == tenant, cancellationToken);
        if (run.Failures is [var failure, ..]) ExceptionDispatchInfo.Throw(failure.Error);
        return run.Results is [var (_, invitation)] ? invitation : null;
    }
}
