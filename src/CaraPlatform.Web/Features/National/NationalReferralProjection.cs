using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.National;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Referrals.Contracts;

namespace CaraPlatform.Web.Features.National;

/// <summary>
/// Every referral event upserts the referral's national row: the profile read afresh from the tenant's data (so the DASH
/// level follows the screening, and a rebuild meets the same row), the status from the event, and the day of its stage.
/// <para>
/// A stage's day is the first time the referral reached it (<c>??=</c>), so applying an event again changes nothing and a
/// re-booking after a breach counts once in the funnel: Booked and Workshop 1 keep their first day, the run is the latest
/// booking's, and a breach stays recorded (day and reason of the latest) even if the referral completes after re-booking;
/// the status says where it ended.
/// </para>
/// </summary>
public sealed class NationalReferralProjection(INationalReferralProfiles profiles, Pseudonyms pseudonyms) : INationalProjection
{
    public async Task ApplyAsync(NationalEvent nationalEvent, CaraDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nationalEvent);
        ArgumentNullException.ThrowIfNull(db);
        if (nationalEvent.Event is not ReferralEvent referralEvent) return;

        var facts = referralEvent.Referral;
        var tenantId = nationalEvent.Tenant.TenantId;
        var row = await db.NationalReferrals.FindAsync([tenantId, facts.Id], cancellationToken);
        var profile = await profiles.FindAsync(nationalEvent.Tenant, facts.Id, db, cancellationToken);
        if (profile is null && row is null) return;
        // Read before MarkRepeatsAsync saves the row: a row that is new has no answers to follow it yet.
        var added = row is null || db.Entry(row).State == EntityState.Added;
        if (row is null)
        {
            row = new NationalReferral { TenantId = tenantId, ReferralId = facts.Id };
            db.NationalReferrals.Add(row);
        }

        var (pairBefore, receivedBefore, cohortBefore, languageBefore) = (row.PairKey, row.ReceivedOn, row.Cohort, row.Language);
        if (profile is not null) Describe(row, facts.Id, profile);
        row.ForceCode = facts.ForceCode;
        row.Status = facts.Status;
        Stage(row, referralEvent, profile, UkCalendar.DateOf(referralEvent.OccurredAt));
        if (row.PairKey != pairBefore || (row.PairKey is not null && row.ReceivedOn != receivedBefore))
            await MarkRepeatsAsync(db, [.. new[] { pairBefore, row.PairKey }.OfType<string>().Distinct()], cancellationToken);
        if (!added && (row.Cohort != cohortBefore || row.Language != languageBefore))
            await FollowInAnswersAsync(db, row, cancellationToken);
    }

    /// <summary>The referral's questionnaire answers carry its cohort and language (for the filters): keep them in step.</summary>
    private static async Task FollowInAnswersAsync(CaraDbContext db, NationalReferral row, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await db.NationalFeedbackAnswers.Where(a => a.TenantId == row.TenantId && a.ReferralId == row.ReferralId)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.Cohort, row.Cohort).SetProperty(a => a.Language, row.Language), cancellationToken);
    }

    /// <summary>
    /// Sets <see cref="NationalReferral.PairReferredBefore"/> afresh on every referral of the pairs, in the database
    /// (a pair's referrals may sit in other tenants): the repeat measure then counts flags rather than grouping a million
    /// pair keys per request. The row is saved first so the statement sees it; the feed's transaction holds both. Two
    /// tenants' feeds marking one pair take turns (a lock per pair until commit), so the second sees the first's row.
    /// </summary>
    private static async Task MarkRepeatsAsync(CaraDbContext db, string[] pairKeys, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"SELECT pg_advisory_xact_lock(h) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest({pairKeys}) k ORDER BY h) locks",
            cancellationToken);
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE national.referrals r
            SET pair_referred_before = EXISTS (
                SELECT 1 FROM national.referrals e
                WHERE e.pair_key = r.pair_key AND (e.received_on, e.referral_id) < (r.received_on, r.referral_id))
            WHERE r.pair_key = ANY({pairKeys})
            """, cancellationToken);
    }

    private void Describe(NationalReferral row, Guid referralId, NationalReferralProfile profile)
    {
        row.ReceivedOn = profile.ReceivedOn;
        row.Month = NationalReadModel.MonthOf(profile.ReceivedOn);
        row.OffenceTypeCode = profile.OffenceTypeCode;
        row.Relationship = profile.Relationship;
        row.Ipv = profile.Ipv;
        row.DashLevel = profile.DashLevel;
        row.Sex = profile.Sex;
        row.Cohort = profile.Cohort;
        row.AgeBand = profile.AgeBand;
        row.Ethnicity = profile.Ethnicity;
        row.Language = profile.Language;
        row.OffenderKey = profile.Offender is { } offender ? pseudonyms.Of(offender) : pseudonyms.OfReferral(referralId);
        row.PairKey = profile is { Offender: { } o, Victim: { } v } ? pseudonyms.OfPair(o, v) : null;
    }

    private static void Stage(NationalReferral row, ReferralEvent referralEvent, NationalReferralProfile? profile, DateOnly on)
    {
        switch (referralEvent)
        {
            case ReferralScreenedEligible:
                row.ScreenedEligibleOn ??= on;
                break;
            case ReferralReturnedIneligible or ReferralReturnedUncontactable:
                row.ReturnedOn ??= on;
                row.ReturnedAs = referralEvent.Referral.Status;
                row.ReturnReasons = profile?.ReturnReasons ?? row.ReturnReasons;
                break;
            case ReferralFirstContactMade:
                row.FirstContactOn ??= on;
                break;
            case ReferralBooked booked:
                row.BookedOn ??= on;
                row.RunId = booked.Workshops?.RunId ?? row.RunId;
                break;
            case ReferralWorkshop1Attended:
                row.Workshop1On ??= on;
                break;
            case ReferralCompleted:
                row.CompletedOn ??= on;
                break;
            case ReferralNonCompliant breach:
                row.NonCompliantOn = on;
                row.BreachReason = BreachReason(breach.Breach);
                break;
            case ReferralWithdrawn:
                row.WithdrawnOn ??= on;
                break;
            case ReferralClosed:
                row.ClosedOn ??= on;
                break;
        }
    }

    /// <summary>The breach as a code: <c>absent-workshop1</c>, <c>late-workshop2</c>, …; <c>other</c> when the event does not say.</summary>
    public static string BreachReason(MissedWorkshop? breach) => breach switch
    {
        null or { Mark: AttendanceMark.Attended } => "other",
        _ => $"{(breach.Mark == AttendanceMark.LateRefusedEntry ? "late" : "absent")}-workshop{(int)breach.Workshop}",
    };
}
