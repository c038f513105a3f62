namespace CaraPlatform.Web.Features.Members.Contracts;

/// <summary>An invitation to join the tenant as the tenant's admins and the licence holder see it; links are never shown.</summary>
/// <param name="Id">The invitation's id.</param>
/// <param name="Email">The invited email.</param>
/// <param name="Roles">The roles the person will hold.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="AcceptedAt">When it was accepted.</param>
/// <param name="CancelledAt">When it was cancelled.</param>
/// <param name="ForceCodes">The forces the person will serve as a ForceSpoc; empty for other roles.</param>
public sealed record InvitationResponse(Guid Id, string Email, IReadOnlyList<TenantRole> Roles, DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt, DateTimeOffset? CancelledAt, IReadOnlyList<string> ForceCodes)
{
    internal static InvitationResponse From(Invitation i) => new(i.Id, i.Email, i.Roles, i.ExpiresAt, i.AcceptedAt, i.CancelledAt, i.ForceCodes);
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
