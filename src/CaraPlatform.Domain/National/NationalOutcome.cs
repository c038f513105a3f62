using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Outcomes;

namespace CaraPlatform.Domain.National;

/// <summary>
/// A reoffending follow-up as the national read model holds it (<c>national.outcomes</c>): the referral it belongs to
/// (none for the comparison group), the window, and what the police found, as codes and a day. Never the police
/// reference: the national model cannot find the person through it.
/// </summary>
[GlobalEntity]
public sealed class NationalOutcome
{
    public Guid TenantId { get; set; }

    public Guid FollowUpId { get; set; }

    public Guid? ReferralId { get; set; }

    public FollowUpCohort Cohort { get; set; }

    public int Months { get; set; }

    public bool Reoffended { get; set; }

    public IReadOnlyList<string> OffenceTypes { get; set; } = [];

    public DateOnly? FirstReoffenceOn { get; set; }
}
