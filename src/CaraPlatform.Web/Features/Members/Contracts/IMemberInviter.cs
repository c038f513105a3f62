namespace CaraPlatform.Web.Features.Members.Contracts;

/// <summary>An invitation to join the tenant as the tenant's admins and the licence holder see it; links are never shown.</summary>
public sealed record InvitationResponse(Guid Id, string Email, IReadOnlyList<TenantRole> Roles, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? CancelledAt)
{
    internal static InvitationResponse From(Invitation i) => new(i.Id, i.Email, i.Roles, i.ExpiresAt, i.AcceptedAt, i.CancelledAt);
}

/// <summary>
/// Inviting a person into the current tenant, for other features (the licence holder invites a tenant's first
/// ProviderAdmin): the email, its one-use link and the audit entry stay the members feature's business.
/// </summary>
public interface IMemberInviter
{
    /// <summary>Sends the invitation; its link points under <paramref name="siteRoot"/>, the configured public address.</summary>
    Task<InvitationResponse> InviteAsync(string email, IReadOnlyList<TenantRole> roles, Guid? invitedBy, Uri siteRoot, CancellationToken cancellationToken);
}
