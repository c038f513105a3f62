using CaraPlatform.Domain.Referrals;
using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Web.Features.VictimContact.Pages;

/// <summary>How the caseload's answers read on its pages.</summary>
public static class VictimContactDisplay
{
    public static readonly IReadOnlyList<(string Value, string Text)> Methods =
    [
        (nameof(SafeContactMethod.Phone), "Phone"), (nameof(SafeContactMethod.TextMessage), "Text message"), (nameof(SafeContactMethod.Email), "Email"),
        (nameof(SafeContactMethod.Letter), "Letter"), (nameof(SafeContactMethod.ThroughAnotherAgency), "Through another agency"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Outcomes =
    [
        (nameof(ContactOutcome.Spoke), "Spoke to the victim"), (nameof(ContactOutcome.NoAnswer), "No answer"),
        (nameof(ContactOutcome.LeftMessage), "Left a safe message"), (nameof(ContactOutcome.NotSafeToTalk), "Not safe to talk"),
        (nameof(ContactOutcome.Declined), "Declined support"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Recipients =
        [(nameof(SafeguardingRecipient.Police), "Police"), (nameof(SafeguardingRecipient.Marac), "MARAC"), (nameof(SafeguardingRecipient.ChildrensServices), "Children's services")];

    public static readonly IReadOnlyList<(string Value, string Text)> Changes =
    [
        (nameof(ReportedChange.Improved), "Improved"), (nameof(ReportedChange.NoChange), "No change"), (nameof(ReportedChange.Worse), "Worse"),
        (nameof(ReportedChange.NotAskedNoContact), "Not asked: no contact"),
    ];

    public static readonly IReadOnlyList<(string Value, string Text)> Workshops =
        [(nameof(WorkshopNumber.Workshop1), "After Workshop 1"), (nameof(WorkshopNumber.Workshop2), "After Workshop 2")];

    public static readonly IReadOnlyList<(string Value, string Text)> DashLevels =
        [(nameof(DashRisk.Standard), "Standard"), (nameof(DashRisk.Medium), "Medium"), (nameof(DashRisk.High), "High")];

    public static string Kind(VictimCaseEntryKind kind) => kind switch
    {
        VictimCaseEntryKind.SafeContactCheck => "Safe-contact check",
        VictimCaseEntryKind.ContactAttempt => "Contact attempt",
        VictimCaseEntryKind.Needs => "Needs and support",
        VictimCaseEntryKind.Signposting => "Signposting",
        VictimCaseEntryKind.RiskReview => "Risk review",
        VictimCaseEntryKind.Escalation => "Safeguarding escalation",
        VictimCaseEntryKind.ReportedChange => "Victim-reported change",
        VictimCaseEntryKind.Closure => "Case closed",
        _ => kind.ToString(),
    };

    /// <summary>The text of <paramref name="value"/> among <paramref name="options"/>.</summary>
    public static string? Text<T>(IReadOnlyList<(string Value, string Text)> options, T? value) where T : struct, Enum =>
        value is { } v ? options.FirstOrDefault(o => o.Value == v.ToString()).Text ?? v.ToString() : null;

    public static string DueChanges(IReadOnlyList<WorkshopNumber> due) =>
        string.Join(", ", due.Select(w => Text(Workshops, (WorkshopNumber?)w)));

    /// <summary>What a refused post says on the page.</summary>
    public static IReadOnlyList<string> Messages(Exception refusal) => refusal switch
    {
        ProblemException problem => [.. new[] { problem.Problem.Title, problem.Problem.Detail }.OfType<string>()],
        VictimCaseRuleException rule => [.. new[] { rule.Message, rule.Detail }.OfType<string>()],
        _ => [refusal.Message],
    };

    public static string Status(ReferralStatus status) => PortalDisplay.Status(status);
}
