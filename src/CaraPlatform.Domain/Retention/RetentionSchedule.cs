namespace CaraPlatform.Domain.Retention;

/// <summary>What happens to a closed case at the end of its retention period.</summary>
public enum RetentionAction
{
    /// <summary>Personal values are cleared or replaced; the referral stays, with its non-personal facts, for the counts.</summary>
    Anonymise,

    /// <summary>The referral and everything hanging off it go; only its contribution to the counts is kept.</summary>
    Delete,
}

/// <summary>
/// A tenant's retention schedule for closed cases (its information-sharing agreement): put on the review worklist
/// after <see cref="ReviewClosedCasesAfterMonths"/>, erased by <see cref="Action"/> after
/// <see cref="EraseClosedCasesAfterMonths"/> unless a reviewer kept the case longer. Months count from the day the
/// case closed.
/// </summary>
public sealed record RetentionSchedule(
    int ReviewClosedCasesAfterMonths = 24, int EraseClosedCasesAfterMonths = 72, RetentionAction Action = RetentionAction.Anonymise)
{
    public const int MaxMonths = 240;

    /// <summary>Closed cases reviewed at 2 years and anonymised at 6: what a tenant file without a schedule gets.</summary>
    public static readonly RetentionSchedule Default = new();

    public DateOnly ReviewDueOn(DateOnly closedOn) => closedOn.AddMonths(ReviewClosedCasesAfterMonths);

    /// <summary>The day a case closed on <paramref name="closedOn"/> is erased, after any months reviewers kept it for.</summary>
    public DateOnly EraseDueOn(DateOnly closedOn, int keptMonths = 0) => closedOn.AddMonths(EraseClosedCasesAfterMonths + keptMonths);

    /// <summary>The rule in words for the erasure log ("Anonymise 72 months after closure, kept 12 more").</summary>
    public string Rule(int keptMonths) =>
        $"{Action} {EraseClosedCasesAfterMonths} months after closure" + (keptMonths > 0 ? $", kept {keptMonths} more" : "");

    /// <summary>Rules across the fields, each as (JSON path below the schedule, message); the tenant schema checks the bounds.</summary>
    public IEnumerable<(string Path, string Message)> RuleErrors()
    {
        if (ReviewClosedCasesAfterMonths is < 1 or > MaxMonths)
            yield return ("reviewClosedCasesAfterMonths", $"must be between 1 and {MaxMonths}");
        if (EraseClosedCasesAfterMonths is < 1 or > MaxMonths)
            yield return ("eraseClosedCasesAfterMonths", $"must be between 1 and {MaxMonths}");
        // The review is the chance to keep a case: it must come no later than the erasure.
        if (EraseClosedCasesAfterMonths < ReviewClosedCasesAfterMonths)
            yield return ("eraseClosedCasesAfterMonths", $"must not be less than reviewClosedCasesAfterMonths ({ReviewClosedCasesAfterMonths})");
        if (!Enum.IsDefined(Action))
            yield return ("action", "must be Anonymise or Delete");
    }
}
