using CaraPlatform.Domain.Notices;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>One notice in the SPOC inbox: only what its payload told the police, plus whether it was read.</summary>
/// <param name="Id">The event id (also the webhook's Cara-Event-Id).</param>
/// <param name="Type">The event type, e.g. referral.returned-ineligible.</param>
/// <param name="Title">A short heading for people.</param>
/// <param name="OccurredAt">When the change the notice reports happened.</param>
/// <param name="ReferralId">The referral it is about.</param>
/// <param name="PoliceReference">The force's reference for the referral.</param>
/// <param name="Reason">Why, for returns and breaches; otherwise usually null.</param>
/// <param name="Read">True once a SPOC of the tenant has read it.</param>
public sealed record NoticeResponse(
    Guid Id, string Type, string Title, DateTimeOffset OccurredAt, Guid ReferralId, string PoliceReference, string? Reason, bool Read);

/// <summary>A page of the inbox, newest first.</summary>
/// <param name="Items">The notices on this page.</param>
/// <param name="UnreadCount">Unread notices in the whole inbox (not only this page).</param>
/// <param name="NextCursor">Pass as cursor for the next (older) page; null on the last page.</param>
public sealed record NoticePageResponse(IReadOnlyList<NoticeResponse> Items, int UnreadCount, string? NextCursor);

/// <summary>One attempt to post a notice to the tenant's webhook.</summary>
/// <param name="Attempt">1 for the first attempt; numbering carries on across replays.</param>
/// <param name="AttemptedAt">When the POST started.</param>
/// <param name="Url">Where it was sent.</param>
/// <param name="StatusCode">The receiver's status code; null when no answer came.</param>
/// <param name="Succeeded">True for a 2xx answer.</param>
/// <param name="Error">Why it failed, when it did.</param>
/// <param name="DurationMs">How long the attempt took.</param>
public sealed record DeliveryAttemptResponse(
    int Attempt, DateTimeOffset AttemptedAt, string Url, int? StatusCode, bool Succeeded, string? Error, int DurationMs);

/// <summary>A notice's way to the webhook, with every attempt made.</summary>
/// <param name="NoticeId">The event id.</param>
/// <param name="Type">The event type.</param>
/// <param name="OccurredAt">When the change happened.</param>
/// <param name="ReferralId">The referral it is about.</param>
/// <param name="State">Pending, Delivered, Failed (replayable) or NotConfigured.</param>
/// <param name="Attempts">Attempts since the notice was raised or last replayed.</param>
/// <param name="NextAttemptAt">When the next retry is due, while Pending after a failure.</param>
/// <param name="DeliveredAt">When the receiver accepted it.</param>
/// <param name="Log">Every attempt, oldest first.</param>
public sealed record DeliveryResponse(
    Guid NoticeId, string Type, DateTimeOffset OccurredAt, Guid ReferralId, WebhookDeliveryState State, int Attempts,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? DeliveredAt, IReadOnlyList<DeliveryAttemptResponse> Log);

/// <summary>A page of the delivery log, newest notice first.</summary>
/// <param name="Items">The deliveries on this page.</param>
/// <param name="NextCursor">Pass as cursor for the next (older) page; null on the last page.</param>
public sealed record DeliveryPageResponse(IReadOnlyList<DeliveryResponse> Items, string? NextCursor);

