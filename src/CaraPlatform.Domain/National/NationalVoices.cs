using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.National;

/// <summary>
/// One answer of a participant's questionnaire as the national read model holds it: the question's code and the
/// point on the five-point scale, before or after the course. Keyed on the questionnaire and the question, so an
/// event applied twice writes the same row.
/// </summary>
[GlobalEntity]
public sealed class NationalFeedbackAnswer
{
    public Guid TenantId { get; set; }

    public Guid FeedbackId { get; set; }

    public string QuestionCode { get; set; } = "";

    /// <summary>The referral as <see cref="NationalReferral"/> keys it.</summary>
    public Guid ReferralId { get; set; }

    /// <summary>The run the answers were given at (null in rows projected before it was carried; a rebuild fills it).</summary>
    public Guid? RunId { get; set; }

    /// <summary>
    /// The referral's force, cohort and language, copied from its national row (and kept in step with it by the referral
    /// projection) so the filters need no join to a million referrals.
    /// </summary>
    public string ForceCode { get; set; } = "";

    public Cohort? Cohort { get; set; }

    public string Language { get; set; } = "";

    public FeedbackStage Stage { get; set; }

    /// <summary><see cref="FeedbackScale.Min"/> to <see cref="FeedbackScale.Max"/>.</summary>
    public int Value { get; set; }

    /// <summary>The first day of the month the answers were recorded in.</summary>
    public DateOnly Month { get; set; }
}

/// <summary>
/// A victim's answer on whether the person who caused harm changed after a workshop, as the national read model
/// holds it: one row per answer, with the force and month only. No referral, no pseudonym: a victim's answer must not
/// be linkable to anyone outside the tenant, so it is counted, never followed.
/// </summary>
[GlobalEntity]
public sealed class NationalVictimChange
{
    public Guid TenantId { get; set; }

    /// <summary>The victim-contact entry the event came from: the key that keeps a replayed event from counting twice.</summary>
    public Guid EntryId { get; set; }

    public string ForceCode { get; set; } = "";

    public DateOnly Month { get; set; }

    public WorkshopNumber Workshop { get; set; }

    public ReportedChange Change { get; set; }
}

/// <summary>One service a victim was signposted to, as <see cref="NationalVictimChange"/>: force and month, nothing that links to anyone.</summary>
[GlobalEntity]
public sealed class NationalSignposting
{
    public Guid TenantId { get; set; }

    public Guid EntryId { get; set; }

    /// <summary>The service type, from the victim-contact service's fixed list.</summary>
    public string Service { get; set; } = "";

    public string ForceCode { get; set; } = "";

    public DateOnly Month { get; set; }
}
