using System.Text.Json;
using System.Text.Json.Serialization;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Referrals;

namespace CaraPlatform.Web.Features.Notices;

/// <summary>
/// The body the police receive, version 1. Only what DESIGN.md §1 lets them be told: the referral's identity and
/// state, the reason for a return or breach, and administrative dates. No offender contact details, nothing said
/// in a workshop, no questionnaire answers, nothing about the victim.
/// </summary>
public static class PoliceNoticePayload
{
    public const int SchemaVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    /// <param name="eventId">The notice's id: the id of the event it reports.</param>
    /// <param name="tenant">The tenant's slug.</param>
    /// <param name="referral">The referral as the event carries it.</param>
    /// <param name="notice">What the event tells the police.</param>
    public static string Build(Guid eventId, string tenant, ReferralFacts referral, ReferralNotice notice)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(notice);
        var body = new NoticeBody(
            eventId,
            notice.Type.EventName(),
            SchemaVersion,
            notice.At,
            tenant,
            new NoticeReferral(referral.Id, referral.PoliceReference, referral.ForceCode, referral.Status, referral.CautionDate, referral.ConditionDeadline),
            notice.Reason,
            notice.Workshops is { } booked ? new NoticeWorkshops(booked.Workshop1StartsAt, booked.Workshop2StartsAt) : null);
        return JsonSerializer.Serialize(body, Options);
    }

    private sealed record NoticeBody(
        Guid EventId, string Type, int SchemaVersion, DateTimeOffset OccurredAt, string Tenant, NoticeReferral Referral, string? Reason,
        NoticeWorkshops? Workshops);

    // The dates only: the police need not know the run, and the published schema of a booked notice (EventDocuments) has no
    // place for it.
    private sealed record NoticeWorkshops(DateTimeOffset Workshop1StartsAt, DateTimeOffset Workshop2StartsAt);

    private sealed record NoticeReferral(
        Guid Id, string PoliceReference, string ForceCode, ReferralStatus Status, DateOnly CautionDate, DateOnly ConditionDeadline);
}
