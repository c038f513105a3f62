using CaraPlatform.Domain.Common;

namespace CaraPlatform.Domain.Notices;

/// <summary>
/// What the police are told about a referral. DESIGN.md §1 limits it to attendance, completion, non-compliance
/// and administrative facts (booked dates, returned referrals and why), so each type carries only those.
/// </summary>
public enum PoliceNoticeType
{
    /// <summary>Returned as ineligible, incomplete or unsafe, with the reason.</summary>
    ReturnedIneligible,

    /// <summary>Returned because the offender could not be contacted.</summary>
    ReturnedUncontactable,

    /// <summary>Booked onto Workshop 1 and Workshop 2; carries the dates.</summary>
    Booked,

    /// <summary>Attended both workshops: the condition is met.</summary>
    Completed,

    /// <summary>Missed a workshop or was refused entry for lateness: the police decide what follows.</summary>
    NonCompliant,

    /// <summary>The referral may miss its deadline unless it is booked or extended soon.</summary>
    DeadlineAtRisk,

    /// <summary>The deadline passed with the condition unmet.</summary>
    Overdue,

    /// <summary>The provider acknowledges the police's withdrawal.</summary>
    WithdrawalAcknowledged,

    /// <summary>A booked run was changed or cancelled: the referral needs a new booking.</summary>
    RebookingNeeded,
}

public static class PoliceNoticeTypes
{
    /// <summary>The event type integrators see, e.g. "referral.returned-ineligible". Stable: part of the contract.</summary>
    public static string EventName(this PoliceNoticeType type) => type switch
    {
        PoliceNoticeType.ReturnedIneligible => "referral.returned-ineligible",
        PoliceNoticeType.ReturnedUncontactable => "referral.returned-uncontactable",
        PoliceNoticeType.Booked => "referral.booked",
        PoliceNoticeType.Completed => "referral.completed",
        PoliceNoticeType.NonCompliant => "referral.non-compliant",
        PoliceNoticeType.DeadlineAtRisk => "referral.deadline-at-risk",
        PoliceNoticeType.Overdue => "referral.overdue",
        PoliceNoticeType.WithdrawalAcknowledged => "referral.withdrawal-acknowledged",
        PoliceNoticeType.RebookingNeeded => "referral.rebooking-needed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>A short heading for the SPOC inbox.</summary>
    public static string Title(this PoliceNoticeType type) => type switch
    {
        PoliceNoticeType.ReturnedIneligible => "Referral returned: not eligible",
        PoliceNoticeType.ReturnedUncontactable => "Referral returned: offender not contactable",
        PoliceNoticeType.Booked => "Booked onto workshops",
        PoliceNoticeType.Completed => "Completed: condition met",
        PoliceNoticeType.NonCompliant => "Non-compliant: police decision needed",
        PoliceNoticeType.DeadlineAtRisk => "Deadline at risk",
        PoliceNoticeType.Overdue => "Deadline passed: condition not met",
        PoliceNoticeType.WithdrawalAcknowledged => "Withdrawal acknowledged",
        PoliceNoticeType.RebookingNeeded => "Workshop changed: re-booking needed",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}

/// <summary>How far a notice has got on its way to the tenant's webhook.</summary>
public enum WebhookDeliveryState
{
    /// <summary>Waiting for the dispatcher (first try or a retry).</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every retry failed; a ProviderAdmin may replay it.</summary>
    Failed,

    /// <summary>The tenant had no enabled webhook when the notice was dispatched.</summary>
    NotConfigured,
}

/// <summary>
/// One notice to the police, written in the same transaction as the change it reports (the outbox), then
/// delivered by the dispatcher to the SPOC inbox and the tenant's webhook. <see cref="Id"/> is the event id a
/// receiver deduplicates on: a retry after a crash sends the same id again, never a new one.
/// </summary>
public sealed class PoliceNotice : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid ReferralId { get; init; }

    public required PoliceNoticeType Type { get; init; }

    /// <summary>The payload's schema version; bumped only with a new schema document.</summary>
    public int SchemaVersion { get; init; } = 1;

    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The JSON body as sent: built once, so every delivery and replay sends the same bytes.</summary>
    public required string Payload { get; init; }

    /// <summary>When the dispatcher put it in the SPOC inbox; null until then.</summary>
    public DateTimeOffset? InboxDeliveredAt { get; set; }

    /// <summary>When a SPOC of the tenant first read it.</summary>
    public DateTimeOffset? ReadAt { get; set; }

    public WebhookDeliveryState WebhookState { get; set; } = WebhookDeliveryState.Pending;

    public int WebhookAttempts { get; set; }

    /// <summary>Not before this time: the backoff after a failed attempt.</summary>
    public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>A dispatcher has claimed the notice until then; another instance leaves it alone.</summary>
    public DateTimeOffset? LeasedUntil { get; set; }

    public DateTimeOffset? WebhookDeliveredAt { get; set; }

    public uint Version { get; set; }
}

/// <summary>One attempt to post a notice to the tenant's webhook: the delivery log a ProviderAdmin reads.</summary>
public sealed class WebhookDeliveryAttempt : ITenantOwned
{
    public const int ErrorMaxLength = 1000;

    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required Guid NoticeId { get; init; }

    public required int Attempt { get; init; }

    public required DateTimeOffset AttemptedAt { get; init; }

    public required string Url { get; init; }

    /// <summary>The receiver's status code; null when no answer came (timeout, refused connection).</summary>
    public int? StatusCode { get; init; }

    public required bool Succeeded { get; init; }

    public string? Error { get; init; }

    public required int DurationMs { get; init; }
}
