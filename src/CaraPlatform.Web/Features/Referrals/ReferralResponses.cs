using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Web.Features.Referrals;

/// <summary>
/// A referral as staff see it, or (<see cref="View"/> Police) the subset the police see. Never holds anything about the
/// victim: that is read only through the victim-contact endpoint, by the roles allowed to.
/// </summary>
/// <param name="Id">The referral's id.</param>
/// <param name="PoliceReference">The force's reference.</param>
/// <param name="ForceCode">The referring force.</param>
/// <param name="DisposalType">ConditionalCaution or DiversionaryCaution.</param>
/// <param name="DisposalDate">The day the caution was given.</param>
/// <param name="Officer">The referring officer.</param>
/// <param name="Offence">The offence; isIpv is derived from the relationship.</param>
/// <param name="Offender">The offender.</param>
/// <param name="Eligibility">The police's eligibility answers.</param>
/// <param name="Screening">The provider's screening answers, once screened; always null for the police.</param>
/// <param name="Status">Where the referral is in its lifecycle.</param>
/// <param name="AllowedActions">What may be done next, from the lifecycle table (the portal's buttons).</param>
/// <param name="ReceivedAt">When the referral arrived.</param>
/// <param name="FirstContactAt">When the provider first reached the offender.</param>
/// <param name="Deadlines">Targets and the condition's deadline, as of today.</param>
/// <param name="RebookingCount">How many re-bookings the police allowed after a breach.</param>
/// <param name="Timeline">Every move, oldest first: who, when and why; for the police, what and when only.</param>
/// <param name="Version">Row version: send it back with a change; a stale one is refused with 409.</param>
/// <param name="View">
/// Provider: the whole referral, for the provider's staff. Police: what the police supplied, the status, dates, deadlines
/// and outcome, for a person whose only role in the tenant is ForceSpoc and for integration clients; no screening
/// answers and no timeline actor or reason (the provider's free text and staff names).
/// </param>
/// <param name="ReturnReason">Why a returned referral went back to the police, as their notice told them; null otherwise.</param>
public sealed record ReferralResponse(
    Guid Id, string PoliceReference, string ForceCode, DisposalType DisposalType, DateOnly DisposalDate, OfficerDto Officer,
    OffenceResponse Offence, OffenderDto Offender, ScreeningAnswersDto Eligibility, ScreeningAnswersDto? Screening,
    ReferralStatus Status, IReadOnlyList<ReferralAction> AllowedActions, DateTimeOffset ReceivedAt, DateTimeOffset? FirstContactAt,
    DeadlinesResponse Deadlines, int RebookingCount, IReadOnlyList<TimelineEntry> Timeline, uint Version, ReferralView View, string? ReturnReason)
{
    public static ReferralResponse From(Referral r, TenantDefinition tenant, TimeProvider clock)
    {
        var o = r.Offender;
        return new ReferralResponse(
            r.Id, r.PoliceReference, r.ForceCode, r.DisposalType, r.DisposalDate,
            new OfficerDto(r.Officer.Name, r.Officer.CollarNumber, r.Officer.Email, r.Officer.Phone),
            new OffenceResponse(r.Offence.TypeCode, r.Offence.Date, r.Offence.Relationship, r.Offence.IsIpv),
            new OffenderDto(o.GivenName, o.FamilyName, o.DateOfBirth, o.Sex, o.AddressLine1, o.AddressLine2, o.Town, o.Postcode, o.Phone,
                o.Email, o.PreferredLanguage, o.InterpreterNeeded, o.AccessibilityNeeds, o.ChildrenInHousehold, o.Ethnicity),
            ScreeningAnswersDto.From(r.PoliceAnswers),
            r.Screening is null ? null : ScreeningAnswersDto.From(r.Screening),
            r.Status, ReferralLifecycle.ActionsFrom(r.Status).ToList(), r.ReceivedAt, r.FirstContactAt,
            DeadlinesResponse.From(ReferralDeadlines.Classify(r, tenant, clock)),
            r.RebookingCount,
            r.Timeline.Select(t => new TimelineEntry(t.At, t.Action, t.From, t.To, t.ActorName, t.Reason)).ToList(),
            r.Version, ReferralView.Provider,
            r.Status is ReferralStatus.ReturnedIneligible or ReferralStatus.ReturnedUncontactable ? r.Timeline.Last(t => t.To == r.Status).Reason : null);
    }

    /// <summary>
    /// The police's subset: what they supplied and what they are told (status, dates, deadlines, the reason for a
    /// return), none of the provider's screening or free text, and no staff names.
    /// </summary>
    public ReferralResponse ForPolice() => this with
    {
        Screening = null,
        Timeline = [.. Timeline.Select(t => t with { Actor = null, Reason = null })],
        View = ReferralView.Police,
    };
}

/// <summary>Which shape of a referral an answer holds.</summary>
public enum ReferralView
{
    /// <summary>The whole referral, for the provider's staff.</summary>
    Provider,

    /// <summary>The police's subset (<see cref="ReferralResponse.ForPolice"/>).</summary>
    Police,
}

/// <summary>The offence.</summary>
/// <param name="TypeCode">Offence type code.</param>
/// <param name="Date">When it happened.</param>
/// <param name="Relationship">The offender's relationship to the person harmed.</param>
/// <param name="IsIpv">Intimate-partner (true) or family (false), derived from the relationship.</param>
public sealed record OffenceResponse(string TypeCode, DateOnly Date, OffenceRelationship Relationship, bool IsIpv);

/// <summary>Targets and deadline as of today (UK calendar days).</summary>
/// <param name="ConditionDeadline">The last day the condition can be met.</param>
/// <param name="DaysToDeadline">Days left; negative once passed.</param>
/// <param name="FirstContactDue">The first-contact target day.</param>
/// <param name="BookingDue">The booking target day.</param>
/// <param name="FirstContactOverdue">First contact is late.</param>
/// <param name="BookingOverdue">Booking is late.</param>
/// <param name="AtRisk">Too little time left to fit both workshops comfortably.</param>
/// <param name="Overdue">The deadline passed with the condition unmet.</param>
public sealed record DeadlinesResponse(
    DateOnly ConditionDeadline, int DaysToDeadline, DateOnly FirstContactDue, DateOnly BookingDue, bool FirstContactOverdue,
    bool BookingOverdue, bool AtRisk, bool Overdue)
{
    public static DeadlinesResponse From(ReferralDeadlineStatus d) => new(
        d.ConditionDeadline, d.DaysToDeadline, d.FirstContactDue, d.BookingDue, d.FirstContactOverdue, d.BookingOverdue, d.AtRisk, d.Overdue);
}

/// <summary>One move on the referral's timeline.</summary>
/// <param name="At">When.</param>
/// <param name="Action">What was done.</param>
/// <param name="From">The status before (null for receipt).</param>
/// <param name="To">The status after.</param>
/// <param name="Actor">Who, by name; null for the police.</param>
/// <param name="Reason">Why, where one was given; null for the police.</param>
public sealed record TimelineEntry(DateTimeOffset At, ReferralAction Action, ReferralStatus? From, ReferralStatus To, string? Actor, string? Reason);

/// <summary>A referral in a list.</summary>
/// <param name="Id">The referral's id.</param>
/// <param name="PoliceReference">The force's reference.</param>
/// <param name="OffenderName">The offender's name.</param>
/// <param name="Status">Lifecycle status.</param>
/// <param name="ReceivedAt">When it arrived.</param>
/// <param name="ConditionDeadline">The condition's deadline.</param>
/// <param name="AtRisk">The deadline is at risk.</param>
/// <param name="Overdue">The deadline passed unmet.</param>
public sealed record ReferralSummary(
    Guid Id, string PoliceReference, string OffenderName, ReferralStatus Status, DateTimeOffset ReceivedAt, DateOnly ConditionDeadline,
    bool AtRisk, bool Overdue)
{
    /// <summary>At risk and overdue as the police were told (the deadline job's notices), while the referral is open.</summary>
    public static ReferralSummary From(Referral r) => new(
        r.Id, r.PoliceReference, $"{r.Offender.GivenName} {r.Offender.FamilyName}", r.Status, r.ReceivedAt, r.ConditionDeadline,
        r.AtRiskNoticeAt is not null && ReferralLifecycle.Open.Contains(r.Status), r.OverdueNoticeAt is not null && ReferralLifecycle.Open.Contains(r.Status));
}

/// <summary>A page of referrals.</summary>
/// <param name="Items">The referrals, newest first.</param>
/// <param name="NextCursor">Pass as cursor for the next page; null on the last page.</param>
public sealed record ReferralPage(IReadOnlyList<ReferralSummary> Items, string? NextCursor);

/// <summary>The screening checklist: the national rules and the tenant's own questions.</summary>
/// <param name="NationalRules">The rules of DESIGN.md §1, by code.</param>
/// <param name="TenantQuestions">The tenant's own yes/no questions, by code; each must be answered.</param>
/// <param name="DashRiskLevelsAccepted">DASH levels the tenant accepts (High never).</param>
/// <param name="OffenceTypes">Listed offence types, national and the tenant's own.</param>
public sealed record ScreeningChecklist(
    IReadOnlyList<ChecklistItem> NationalRules, IReadOnlyList<ChecklistItem> TenantQuestions, IReadOnlyList<DashRiskLevel> DashRiskLevelsAccepted,
    IReadOnlyList<ChecklistItem> OffenceTypes);

/// <summary>One item of the checklist.</summary>
/// <param name="Code">Stable code.</param>
/// <param name="Text">What is checked.</param>
public sealed record ChecklistItem(string Code, string Text);

/// <summary>The victim's details, for the victim-contact service.</summary>
/// <param name="ReferralId">The referral.</param>
/// <param name="Victim">The details.</param>
/// <param name="Version">Row version.</param>
public sealed record VictimRecordResponse(Guid ReferralId, VictimDto Victim, uint Version);
