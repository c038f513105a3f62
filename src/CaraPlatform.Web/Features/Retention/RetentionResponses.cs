using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>The tenant's schedule and the closed cases on its review worklist, soonest erasure first.</summary>
public sealed record RetentionWorklistResponse(RetentionSchedule Schedule, IReadOnlyList<RetentionReviewResponse> Cases);

/// <summary>A closed case due for review.</summary>
/// <param name="ReferralId">The referral, linked from the portal's worklist.</param>
/// <param name="PoliceReference">The force's reference, for the reviewer to know the case.</param>
/// <param name="Status">The terminal status the case closed in.</param>
/// <param name="ClosedOn">The day of its last move (UK calendar).</param>
/// <param name="ReviewDueOn">When the schedule put it up for review.</param>
/// <param name="EraseDueOn">When the job erases it, after any months it was kept.</param>
/// <param name="KeptMonths">Months beyond the schedule that reviewers kept it for, in all.</param>
/// <param name="Decision">Pending until a reviewer keeps it or agrees to its erasure.</param>
/// <param name="Reason">Why it was last kept; null unless <paramref name="Decision"/> is Keep.</param>
/// <param name="DecidedAt">When the last decision was made.</param>
/// <param name="Version">Send it back with a decision.</param>
public sealed record RetentionReviewResponse(
    Guid ReferralId, string PoliceReference, ReferralStatus Status, DateOnly ClosedOn, DateOnly ReviewDueOn, DateOnly EraseDueOn,
    int KeptMonths, RetentionDecision Decision, string? Reason, DateTimeOffset? DecidedAt, uint Version);

/// <summary>One erased case: metadata only.</summary>
public sealed record ErasureResponse(Guid ReferralId, DateTimeOffset ErasedAt, RetentionAction Action, string Rule, IReadOnlyList<string> Categories);

/// <summary>The erasure log, newest first; pass <paramref name="NextCursor"/> as cursor for older entries.</summary>
public sealed record ErasurePageResponse(IReadOnlyList<ErasureResponse> Items, string? NextCursor);

/// <summary>One cell of the national counts (see <see cref="CaseCountKey"/>).</summary>
public sealed record CaseCountResponse(DateOnly MonthReceived, ReferralStatus Status, bool Ipv, Domain.Tenants.Cohort? Cohort, int Count);
