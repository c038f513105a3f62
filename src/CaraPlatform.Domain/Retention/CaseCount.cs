using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Retention;

/// <summary>
/// What a referral counts as in the national figures, without anything personal: the month it was received (UK
/// calendar), where it ended or stands, IPV or not, and the cohort. Erasure must leave these counts as they were.
/// </summary>
public sealed record CaseCountKey(DateOnly MonthReceived, ReferralStatus Status, bool Ipv, Cohort? Cohort)
{
    public static CaseCountKey Of(Referral referral)
    {
        ArgumentNullException.ThrowIfNull(referral);
        return Of(referral.ReceivedAt, referral.Status, referral.Offence.Relationship, referral.Offender.Sex);
    }

    public static CaseCountKey Of(DateTimeOffset receivedAt, ReferralStatus status, OffenceRelationship relationship, Sex sex)
    {
        var received = UkCalendar.DateOf(receivedAt);
        var ipv = Offence.IsIntimatePartner(relationship);
        return new(new DateOnly(received.Year, received.Month, 1), status, ipv, Cohorts.For(sex, ipv));
    }
}

/// <summary>
/// Counts of referrals a Delete schedule removed, by <see cref="CaseCountKey"/>: once a referral's rows are gone this
/// is all that is left of it, so the national counts are the live referrals plus these.
/// </summary>
public sealed class RetainedCount : ITenantOwned
{
    public Guid TenantId { get; set; }

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public required DateOnly MonthReceived { get; init; }

    public required ReferralStatus Status { get; init; }

    public required bool Ipv { get; init; }

    public required Cohort? Cohort { get; init; }

    public int Count { get; private set; }

    public CaseCountKey Key => new(MonthReceived, Status, Ipv, Cohort);

    public static RetainedCount For(CaseCountKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new() { MonthReceived = key.MonthReceived, Status = key.Status, Ipv = key.Ipv, Cohort = key.Cohort };
    }

    public void Add() => Count++;
}
