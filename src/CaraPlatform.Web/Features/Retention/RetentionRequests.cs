using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Web.Features.Retention;

/// <summary>Keep a closed case beyond its erasure date.</summary>
/// <param name="Months">How many months beyond the current erasure date, 1 to 60.</param>
/// <param name="Reason">Why (a complaint, proceedings, a safeguarding review...): recorded as the audit row's reason.</param>
/// <param name="Version">The worklist entry's version as read: two reviewers deciding at once get a 409, not a silent overwrite.</param>
public sealed record KeepCaseRequest(int Months, string? Reason, uint? Version);

/// <summary>Agree that a closed case is erased at its due date.</summary>
/// <param name="Version">The worklist entry's version as read.</param>
public sealed record AgreeToEraseRequest(uint? Version);

internal sealed class KeepCaseRequestValidator : AbstractValidator<KeepCaseRequest>
{
    public KeepCaseRequestValidator()
    {
        RuleFor(r => r.Months).InclusiveBetween(1, RetentionReview.MaxKeepMonths)
            .WithMessage($"Enter a number of months from 1 to {RetentionReview.MaxKeepMonths}.");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("Enter why the case is kept.").MaximumLength(RetentionReview.ReasonMaxLength);
        RuleFor(r => r.Version).NotNull();
    }
}

internal sealed class AgreeToEraseRequestValidator : AbstractValidator<AgreeToEraseRequest>
{
    public AgreeToEraseRequestValidator() => RuleFor(r => r.Version).NotNull();
}
