using CaraPlatform.Domain.Workshops;

namespace CaraPlatform.Domain.Outcomes;

/// <summary>
/// The rules a follow-up must meet, as one pure function: the API and the CSV upload both ask it, and each breach
/// names the field at fault (<c>months</c>, <c>offences[1].date</c>).
/// </summary>
public static class FollowUpRules
{
    /// <param name="startOn">The window's first day: the referral's receipt or the day found eligible; null when neither is known.</param>
    public static IReadOnlyList<RuleBreach> Check(int months, DateOnly? startOn, FollowUpFindings findings, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var breaches = new List<RuleBreach>();
        if (!ReoffendingFollowUp.Windows.Contains(months)) breaches.Add(new("months", "must be 6 or 12"));
        if (findings.Reoffended && findings.Reoffences.Count == 0)
            breaches.Add(new("offences", "must list at least one offence when the person reoffended"));
        if (!findings.Reoffended && findings.Reoffences.Count > 0)
            breaches.Add(new("offences", "must be empty when the person did not reoffend"));
        for (var i = 0; i < findings.Reoffences.Count; i++)
        {
            var (type, on) = findings.Reoffences[i];
            if (!ReoffenceTypes.IsKnown(type)) breaches.Add(new($"offences[{i}].typeCode", $"'{type}' is not a reoffence type"));
            if (on > today) breaches.Add(new($"offences[{i}].date", "must not be in the future"));
            else if (startOn is { } start && on < start) breaches.Add(new($"offences[{i}].date", $"must not be before the start of the follow-up ({start:yyyy-MM-dd})"));
            else if (startOn is { } from && on >= from.AddMonths(months) && ReoffendingFollowUp.Windows.Contains(months))
                breaches.Add(new($"offences[{i}].date", $"must fall inside the {months}-month window (before {from.AddMonths(months):yyyy-MM-dd})"));
        }

        return breaches;
    }
}
