using CaraPlatform.Domain.Common;
using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.VictimContact;

/// <summary>What an entry on a victim-contact case records.</summary>
public enum VictimCaseEntryKind { SafeContactCheck, ContactAttempt, Needs, Signposting, RiskReview, Escalation, ReportedChange, Closure }

/// <summary>How a contact attempt went.</summary>
public enum ContactOutcome { Spoke, NoAnswer, LeftMessage, NotSafeToTalk, Declined }

/// <summary>Where a safeguarding concern was escalated.</summary>
public enum SafeguardingRecipient { Police, Marac, ChildrensServices }

/// <summary>The victim's answer when asked whether the person who caused harm has changed since a workshop.</summary>
public enum ReportedChange { Improved, NoChange, Worse, NotAskedNoContact }

/// <summary>
/// One thing recorded on a victim-contact case, by whom and when. The structured answers are columns (they are
/// counted); every word the worker types is victim data and sits only in <see cref="ProtectedNotes"/>, encrypted
/// like the victim record, so nothing here is readable at rest.
/// </summary>
public sealed class VictimCaseEntry : ITenantOwned
{
    public const int LawfulBasisMaxLength = 500;

    public Guid TenantId { get; set; }

    public Guid Id { get; private init; } = Guid.CreateVersion7();

    public Guid CaseId { get; internal set; }

    public VictimCaseEntryKind Kind { get; private init; }

    public DateTimeOffset RecordedAt { get; private init; }

    public Guid RecordedBy { get; private init; }

    public string RecordedByName { get; private init; } = "";

    /// <summary>Safe-contact check: the method found safe.</summary>
    public SafeContactMethod? Method { get; private init; }

    /// <summary>Safe-contact check: whether the person who caused harm is present.</summary>
    public bool? PersonWhoCausedHarmPresent { get; private init; }

    public ContactOutcome? Outcome { get; private init; }

    /// <summary>Signposting: the services the victim was pointed to.</summary>
    public List<string> Services { get; private init; } = [];

    public int? DashScore { get; private init; }

    public DashRisk? DashLevel { get; private init; }

    public DashRisk? DashJudgementLevel { get; private init; }

    public SafeguardingRecipient? EscalatedTo { get; private init; }

    /// <summary>Escalation: the lawful basis of the disclosure, as the worker gave it (also the audit row's reason).</summary>
    public string? LawfulBasis { get; private init; }

    public WorkshopNumber? Workshop { get; private init; }

    public ReportedChange? Change { get; private init; }

    /// <summary>The encrypted <see cref="VictimCaseNotes"/>; null when nothing was typed.</summary>
    public string? ProtectedNotes { get; set; }

    public static VictimCaseEntry SafeContactCheck(ReferralActor by, DateTimeOffset at, SafeContactMethod method, bool personWhoCausedHarmPresent) =>
        new()
        {
            Kind = VictimCaseEntryKind.SafeContactCheck,
            RecordedBy = by.Id,
            RecordedByName = by.Name,
            RecordedAt = at,
            Method = method,
            PersonWhoCausedHarmPresent = personWhoCausedHarmPresent
        };

    public static VictimCaseEntry ContactAttempt(ReferralActor by, DateTimeOffset at, SafeContactMethod method, ContactOutcome outcome) =>
        new() { Kind = VictimCaseEntryKind.ContactAttempt, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = at, Method = method, Outcome = outcome };

    public static VictimCaseEntry Needs(ReferralActor by, DateTimeOffset at) =>
        new() { Kind = VictimCaseEntryKind.Needs, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = at };

    public static VictimCaseEntry Signposting(ReferralActor by, DateTimeOffset at, IEnumerable<string> services) =>
        new() { Kind = VictimCaseEntryKind.Signposting, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = at, Services = [.. services] };

    public static VictimCaseEntry RiskReview(ReferralActor by, DateTimeOffset at, DashAssessment dash) =>
        new()
        {
            Kind = VictimCaseEntryKind.RiskReview,
            RecordedBy = by.Id,
            RecordedByName = by.Name,
            RecordedAt = at,
            DashScore = dash.Score,
            DashLevel = dash.AssessedLevel,
            DashJudgementLevel = dash.JudgementLevel
        };

    public static VictimCaseEntry Escalation(ReferralActor by, DateTimeOffset at, SafeguardingRecipient to, string lawfulBasis) =>
        new()
        {
            Kind = VictimCaseEntryKind.Escalation,
            RecordedBy = by.Id,
            RecordedByName = by.Name,
            RecordedAt = at,
            EscalatedTo = to,
            LawfulBasis = lawfulBasis.Trim()
        };

    public static VictimCaseEntry ReportedChange(ReferralActor by, DateTimeOffset at, WorkshopNumber workshop, ReportedChange change) =>
        new() { Kind = VictimCaseEntryKind.ReportedChange, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = at, Workshop = workshop, Change = change };

    public static VictimCaseEntry Closure(ReferralActor by, DateTimeOffset at) =>
        new() { Kind = VictimCaseEntryKind.Closure, RecordedBy = by.Id, RecordedByName = by.Name, RecordedAt = at };
}

/// <summary>
/// What the worker typed on an entry: victim data, stored only encrypted. <see cref="Note"/> is the entry's own text
/// (the contact's outcome, the needs and support offered, the concern, the closure's reason).
/// </summary>
public sealed record VictimCaseNotes(
    string? Note = null, string? SafeTimes = null, string? CodeWord = null, string? SupportOffered = null, string? WhatWasShared = null,
    string? SharedWith = null, string? Why = null, string? JudgementReason = null)
{
    public const int TextMaxLength = 2000;

    public bool IsEmpty => this == new VictimCaseNotes();
}
