using CaraPlatform.Domain.Retention;

namespace CaraPlatform.Web.Features.Retention.Pages;

/// <summary>
/// The retention worklist for the ProviderAdmin and the data-protection officer: closed cases due for review, each kept
/// for another few months with a reason or agreed for erasure at its due date.
/// </summary>
[Authorize(Policy = RetentionAccess.ReviewersPolicy)]
public sealed class RetentionModel(RetentionWorklist worklist, IValidator<KeepCaseRequest> validator) : PortalPageModel
{
    public RetentionWorklistResponse Worklist { get; private set; } = new(RetentionSchedule.Default, []);

    public string? Notice { get; private set; }

    /// <summary>The case whose keep form was refused, so its fields show again with their errors.</summary>
    public Guid? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Worklist = await worklist.CasesAsync(User, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostKeepAsync(Guid referralId, int? months, string? reason, uint version, CancellationToken cancellationToken)
    {
        var request = new KeepCaseRequest(months ?? 0, reason, version);
        var validation = await validator.ValidateAsync(request, cancellationToken);
        if (!validation.IsValid)
        {
            Refused = referralId;
            foreach (var error in validation.Errors) ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            return await ShowAgainAsync(OnGetAsync(cancellationToken), [], StatusCodes.Status200OK);
        }

        return await DecideAsync(() => worklist.KeepAsync(referralId, request, User, cancellationToken),
            $"Kept for another {request.Months} months.", cancellationToken);
    }

    public Task<IActionResult> OnPostAgreeAsync(Guid referralId, uint version, CancellationToken cancellationToken) =>
        DecideAsync(() => worklist.AgreeToEraseAsync(referralId, new AgreeToEraseRequest(version), User, cancellationToken),
            "Agreed: the case is erased at its due date.", cancellationToken);

    private async Task<IActionResult> DecideAsync(Func<Task> decide, string notice, CancellationToken cancellationToken)
    {
        try
        {
            await decide();
        }
        catch (ProblemException refused)
        {
            return await ShowAgainAsync(OnGetAsync(cancellationToken), [refused.Problem.Title!], refused.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(OnGetAsync(cancellationToken), ["Someone else decided on this case just now: check it again."], StatusCodes.Status409Conflict);
        }

        Notice = notice;
        return await OnGetAsync(cancellationToken);
    }
}
