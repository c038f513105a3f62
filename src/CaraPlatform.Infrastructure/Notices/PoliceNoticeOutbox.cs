using System.Text.Json;
using System.Text.Json.Serialization;
using CaraPlatform.Domain.Notices;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CaraPlatform.Infrastructure.Notices;

/// <summary>
/// Writes the notices a referral raised into the outbox table as part of the same SaveChanges, so the notice
/// commits or rolls back with the change it reports. Feature code never writes notices by hand.
/// </summary>
public sealed class PoliceNoticeOutbox : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        WriteRaisedNotices(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        WriteRaisedNotices(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void WriteRaisedNotices(DbContext? context)
    {
        if (context is not CaraDbContext db) return;
        foreach (var referral in db.ChangeTracker.Entries<Referral>().Select(e => e.Entity).Where(r => r.RaisedNotices.Count > 0).ToList())
        {
            foreach (var raised in referral.RaisedNotices)
            {
                var id = Guid.CreateVersion7(raised.At);
                db.PoliceNotices.Add(new PoliceNotice
                {
                    Id = id,
                    ReferralId = referral.Id,
                    Type = raised.Type,
                    OccurredAt = raised.At,
                    Payload = PoliceNoticePayload.Build(id, db.CurrentTenant?.Identifier ?? "", referral, raised),
                });
            }

            referral.ClearRaisedNotices();
        }
    }
}

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

    public static string Build(Guid eventId, string tenant, Referral referral, ReferralNotice raised)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(raised);
        var body = new NoticeBody(
            eventId,
            raised.Type.EventName(),
            SchemaVersion,
            raised.At,
            tenant,
            new NoticeReferral(referral.Id, referral.PoliceReference, referral.ForceCode, referral.Status, referral.DisposalDate, referral.ConditionDeadline),
            raised.Reason,
            raised.Workshops);
        return JsonSerializer.Serialize(body, Options);
    }

    private sealed record NoticeBody(
        Guid EventId, string Type, int SchemaVersion, DateTimeOffset OccurredAt, string Tenant, NoticeReferral Referral, string? Reason,
        BookedWorkshops? Workshops);

    private sealed record NoticeReferral(
        Guid Id, string PoliceReference, string ForceCode, ReferralStatus Status, DateOnly CautionDate, DateOnly ConditionDeadline);
}
