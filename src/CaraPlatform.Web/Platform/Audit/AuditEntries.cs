using OpenIddict.Abstractions;

namespace CaraPlatform.Web.Platform.Audit;

/// <summary>
/// The one way a feature says who did what to whom (DPA 2018 s.62). <c>subject</c> names the data subject's record
/// as <c>kind:id</c> (<c>referral:{id}</c>, <c>victim:{referralId}</c>) or a set of records ("referrals:list"); detail
/// and reason are words without personal values, since the audit trail must not become a second copy of the case.
/// Stage the entry on the context that makes a change (<see cref="AuditTrail.Stage"/>); record a view at once
/// (<see cref="AuditTrail.RecordAsync"/>).
/// </summary>
public static class AuditEntries
{
    /// <summary>The subject of a referral: the offender's record.</summary>
    public static string Referral(Guid referralId) => $"referral:{referralId}";

    /// <summary>The subject of a referral's victim record and victim-contact case.</summary>
    public static string Victim(Guid referralId) => $"victim:{referralId}";

    /// <summary>The subject of a course run's participants as a set (its participant list, its registers).</summary>
    public static string Run(Guid runId) => $"run:{runId}";

    /// <summary><paramref name="user"/> (a person, else an integration client) did <paramref name="action"/> in the tenant.</summary>
    public static AuditEntry By(
        ClaimsPrincipal user, string action, Guid? tenantId, string? subject, string? detail = null, string? reason = null, string outcome = "success") =>
        new(action, outcome, tenantId, user.PersonId(),
            user.PersonId() is null ? user.FindFirst(OpenIddictConstants.Claims.Subject)?.Value : null,
            Subject: subject, Detail: detail, Reason: reason);
}
