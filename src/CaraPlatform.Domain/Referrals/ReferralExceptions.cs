namespace CaraPlatform.Domain.Referrals;

/// <summary>A referral rule was broken. The API maps it to 409 Conflict: the request clashes with the referral's state.</summary>
public class ReferralRuleException : Exception
{
    public ReferralRuleException()
    {
    }

    public ReferralRuleException(string message) : base(message)
    {
    }

    public ReferralRuleException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

/// <summary>An action the referral's current state does not allow; the message names both so a 409 explains itself.</summary>
public sealed class IllegalReferralTransitionException : ReferralRuleException
{
    public IllegalReferralTransitionException(ReferralStatus current, ReferralAction attempted)
        : base($"A referral in state {current} cannot take the action {attempted}.")
    {
        Current = current;
        Attempted = attempted;
    }

    public ReferralStatus Current { get; }

    public ReferralAction Attempted { get; }
}

/// <summary>A coordinator tried to pass a referral that fails the eligibility rules; <see cref="Reasons"/> says which.</summary>
public sealed class ScreeningContradictionException(IReadOnlyList<IneligibilityReason> reasons)
    : ReferralRuleException($"The answers fail the eligibility rules: {string.Join("; ", reasons.Select(r => r.Text))}")
{
    public IReadOnlyList<IneligibilityReason> Reasons { get; } = reasons;
}
