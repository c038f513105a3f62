using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Tenants;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.National;

/// <summary>
/// A referral as the national read model holds it (schema <c>national</c>): pseudonymous keys, bands and codes, and
/// the day each stage was reached. Never a name, a date of birth, an address, free text or anything about the victim.
/// Not tenant-owned: the licence holder reads across tenants here, and only here.
/// </summary>
[GlobalEntity]
public sealed class NationalReferral
{
    public Guid TenantId { get; set; }

    public Guid ReferralId { get; set; }

    /// <summary>The referring force's code.</summary>
    public string ForceCode { get; set; } = "";

    public DateOnly ReceivedOn { get; set; }

    /// <summary>The first day of <see cref="ReceivedOn"/>'s month: the period filters and monthly trends key on it.</summary>
    public DateOnly Month { get; set; }

    public string OffenceTypeCode { get; set; } = "";

    public OffenceRelationship Relationship { get; set; }

    public bool Ipv { get; set; }

    /// <summary>The DASH level the provider's screening settled on (the police's when not yet screened).</summary>
    public DashRisk? DashLevel { get; set; }

    public Sex Sex { get; set; }

    /// <summary>The group the offender would join; none for a family offence by a woman (the programme runs no such group).</summary>
    public Cohort? Cohort { get; set; }

    /// <summary>An age band at referral (18-24, 25-34, 35-44, 45-54, 55+), never the date of birth.</summary>
    public string AgeBand { get; set; } = "";

    /// <summary>The self-defined ethnicity code, when recorded.</summary>
    public string? Ethnicity { get; set; }

    public string Language { get; set; } = "";

    /// <summary>Keyed HMAC of the offender's identity: the same person across tenants and years, never who they are.</summary>
    public string OffenderKey { get; set; } = "";

    /// <summary>Keyed HMAC of the offender and the person harmed together: repeat referrals of the same pair.</summary>
    public string? PairKey { get; set; }

    /// <summary>
    /// Whether the same pair was referred before this referral (received earlier, or the same day with a lower referral
    /// id), in any tenant or period: what makes it a repeat referral. Kept by the referral projection for every referral of
    /// a pair whenever one of them changes, so it never depends on the order events arrive in.
    /// </summary>
    public bool PairReferredBefore { get; set; }

    public ReferralStatus Status { get; set; }

    public DateOnly? ScreenedEligibleOn { get; set; }

    /// <summary>Returned to the police: as ineligible or as uncontactable.</summary>
    public DateOnly? ReturnedOn { get; set; }

    public ReferralStatus? ReturnedAs { get; set; }

    /// <summary>The eligibility rules a returned referral failed, as codes (never the provider's words).</summary>
    public IReadOnlyList<string> ReturnReasons { get; set; } = [];

    public DateOnly? FirstContactOn { get; set; }

    public DateOnly? BookedOn { get; set; }

    /// <summary>The run of the latest booking.</summary>
    public Guid? RunId { get; set; }

    public DateOnly? Workshop1On { get; set; }

    public DateOnly? CompletedOn { get; set; }

    public DateOnly? NonCompliantOn { get; set; }

    /// <summary>The breach as a code (e.g. <c>absent-workshop1</c>, <c>late-workshop2</c>), never the words recorded.</summary>
    public string? BreachReason { get; set; }

    public DateOnly? WithdrawnOn { get; set; }

    public DateOnly? ClosedOn { get; set; }

    /// <summary>
    /// The police's 6-month follow-up, copied from <c>national.outcomes</c> onto the referral so that outcome measures
    /// read one table (a join of a million follow-ups to their referrals took most of a second): whether they
    /// reoffended (null until followed up) and the reoffence types.
    /// </summary>
    public bool? Reoffended6Months { get; set; }

    public IReadOnlyList<string> Reoffences6Months { get; set; } = [];

    /// <summary>The 12-month follow-up, as <see cref="Reoffended6Months"/>.</summary>
    public bool? Reoffended12Months { get; set; }

    public IReadOnlyList<string> Reoffences12Months { get; set; } = [];

    /// <summary>Records a follow-up's findings for its window (6 or 12 months).</summary>
    public void FollowedUp(int months, bool reoffended, IReadOnlyList<string> reoffences)
    {
        switch (months)
        {
            case 6:
                (Reoffended6Months, Reoffences6Months) = (reoffended, reoffences);
                break;
            case 12:
                (Reoffended12Months, Reoffences12Months) = (reoffended, reoffences);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(months), months, "Follow-ups are at 6 or 12 months.");
        }
    }
}

/// <summary>A run as the national read model holds it: when, for whom, in what language, and its places.</summary>
[GlobalEntity]
public sealed class NationalRun
{
    public Guid TenantId { get; set; }

    public Guid RunId { get; set; }

    public Cohort Cohort { get; set; }

    public string Language { get; set; } = "";

    public WorkshopDelivery Delivery { get; set; }

    public int Capacity { get; set; }

    public DateOnly Workshop1On { get; set; }

    public DateOnly Workshop2On { get; set; }

    /// <summary>The first day of Workshop 1's month.</summary>
    public DateOnly Month { get; set; }

    public DateOnly? CancelledOn { get; set; }

    /// <summary>The venue's name (never the meeting link of a remote run); null for a remote run.</summary>
    public string? VenueName { get; set; }

    /// <summary>
    /// Who runs it, by account id and name: staff of the provider, not subjects of the programme, so the licence
    /// holder's reviewers may see them (the quality-assurance reviews plan observations by facilitator).
    /// </summary>
    public List<Guid> FacilitatorIds { get; set; } = [];

    public List<string> FacilitatorNames { get; set; } = [];
}

/// <summary>
/// A participant who attended a workshop of a run, as the register recorded it (Workshop 1 attended; completed means
/// Workshop 2 attended): keyed on the run, referral and workshop, so a replayed event finds its row and the counts stay true.
/// </summary>
[GlobalEntity]
public sealed class NationalRunAttendance
{
    public Guid TenantId { get; set; }

    public Guid RunId { get; set; }

    public Guid ReferralId { get; set; }

    public WorkshopNumber Workshop { get; set; }
}
