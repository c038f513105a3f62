using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.VictimContact;

/// <summary>A victim-contact case in a list: whose referral, who holds it, and what is due. Holds no victim value.</summary>
/// <param name="Id">Case id.</param>
/// <param name="ReferralId">The referral.</param>
/// <param name="PoliceReference">The referral's police reference.</param>
/// <param name="ParticipantName">The offender's name.</param>
/// <param name="ReferralStatus">Where the referral is.</param>
/// <param name="OpenedAt">When the case opened (with the referral).</param>
/// <param name="WorkerId">The victim-contact worker holding it.</param>
/// <param name="WorkerName">Their name.</param>
/// <param name="ClosedAt">When it closed.</param>
/// <param name="LastContactAt">The latest contact attempt.</param>
/// <param name="VictimReached">Whether any attempt reached the victim.</param>
/// <param name="ChangesDue">Workshops attended whose victim-reported change is still to record.</param>
/// <param name="Version">Row version.</param>
public sealed record VictimCaseSummary(
    Guid Id, Guid ReferralId, string PoliceReference, string ParticipantName, ReferralStatus ReferralStatus, DateTimeOffset OpenedAt, Guid? WorkerId,
    string? WorkerName, DateTimeOffset? ClosedAt, DateTimeOffset? LastContactAt, bool VictimReached, IReadOnlyList<WorkshopNumber> ChangesDue,
    uint Version);

/// <summary>One entry on the case, with what was typed decrypted.</summary>
/// <param name="Id">Entry id.</param>
/// <param name="Kind">What it records.</param>
/// <param name="RecordedAt">When.</param>
/// <param name="RecordedBy">Who (person id).</param>
/// <param name="RecordedByName">Who (name).</param>
/// <param name="Method">Safe-contact check and contact attempt: the method.</param>
/// <param name="PersonWhoCausedHarmPresent">Safe-contact check: whether the person who caused harm was present.</param>
/// <param name="Outcome">Contact attempt: how it went.</param>
/// <param name="Services">Signposting: the services.</param>
/// <param name="DashScore">Risk review: DASH score.</param>
/// <param name="DashLevel">Risk review: the assessed level.</param>
/// <param name="DashJudgementLevel">Risk review: the professional-judgement level.</param>
/// <param name="EscalatedTo">Escalation: to whom.</param>
/// <param name="LawfulBasis">Escalation: the lawful basis.</param>
/// <param name="Workshop">Reported change: after which workshop.</param>
/// <param name="Change">Reported change: the answer.</param>
/// <param name="Notes">What the worker typed.</param>
public sealed record VictimCaseEntryResponse(
    Guid Id, VictimCaseEntryKind Kind, DateTimeOffset RecordedAt, Guid RecordedBy, string RecordedByName, SafeContactMethod? Method,
    bool? PersonWhoCausedHarmPresent, ContactOutcome? Outcome, IReadOnlyList<string> Services, int? DashScore, DashRisk? DashLevel,
    DashRisk? DashJudgementLevel, SafeguardingRecipient? EscalatedTo, string? LawfulBasis, WorkshopNumber? Workshop, ReportedChange? Change,
    VictimCaseNotes Notes)
{
    public static VictimCaseEntryResponse From(VictimCaseEntry e, VictimCaseNotes notes) => new(
        e.Id, e.Kind, e.RecordedAt, e.RecordedBy, e.RecordedByName, e.Method, e.PersonWhoCausedHarmPresent, e.Outcome, e.Services, e.DashScore,
        e.DashLevel, e.DashJudgementLevel, e.EscalatedTo, e.LawfulBasis, e.Workshop, e.Change, notes);
}

/// <summary>A case with its entries, newest first.</summary>
/// <param name="Case">The case.</param>
/// <param name="Entries">Everything recorded on it, newest first.</param>
public sealed record VictimCaseResponse(VictimCaseSummary Case, IReadOnlyList<VictimCaseEntryResponse> Entries);
