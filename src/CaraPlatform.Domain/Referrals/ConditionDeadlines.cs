using CaraPlatform.Domain.Tenants;

namespace CaraPlatform.Domain.Referrals;

/// <summary>The caution's condition deadline, counted in whole weeks from the day of the caution.</summary>
public static class ConditionDeadlines
{
    /// <summary>The deadline a referral starts with: caution date + the tenant's completion window (default 16 weeks).</summary>
    public static DateOnly Initial(DateOnly disposalDate, ConditionSettings condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return disposalDate.AddDays(7 * Math.Min(condition.CompletionWeeks, ConditionSettings.StatutoryMaxWeeks));
    }

    /// <summary>The latest the police may extend to: the tenant's maximum, never more than 20 weeks.</summary>
    public static DateOnly Latest(DateOnly disposalDate, ConditionSettings condition) =>
        disposalDate.AddDays(7 * MaxWeeks(condition));

    public static int MaxWeeks(ConditionSettings condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        return Math.Min(condition.MaxExtendedWeeks, ConditionSettings.StatutoryMaxWeeks);
    }
}
