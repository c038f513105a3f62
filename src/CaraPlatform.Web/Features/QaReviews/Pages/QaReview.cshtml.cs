namespace CaraPlatform.Web.Features.QaReviews.Pages;

/// <summary>A review for the licence holder: the reviewer submits a draft and verifies each action's evidence.</summary>
[Authorize(Policy = NationalPolicies.QaRead)]
public sealed class QaReviewModel(QaReviewHandler qa, IAuthorizationService authorization) : PortalPageModel
{
    public QaReviewResponse Review { get; private set; } = null!;

    public bool CanReview { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid reviewId, string? done, CancellationToken cancellationToken)
    {
        if (await qa.FindAsync(reviewId, cancellationToken) is not { } review) return NotFound();
        Review = review;
        CanReview = (await authorization.AuthorizeAsync(User, NationalPolicies.QaWrite)).Succeeded;
        Done = done switch
        {
            "saved" => "The draft was saved.",
            "submitted" => "The review was submitted: the service's ProviderAdmins have been told.",
            "verified" => "The action was verified.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid reviewId, uint version, CancellationToken cancellationToken) =>
        MoveAsync(reviewId, "submitted", () => qa.SubmitAsync(reviewId, new QaReviewVersionRequest(version), User, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(Guid reviewId, Guid actionId, uint version, CancellationToken cancellationToken) =>
        MoveAsync(reviewId, "verified", () => qa.VerifyAsync(reviewId, actionId, new QaReviewVersionRequest(version), User, cancellationToken), cancellationToken);

    private async Task<IActionResult> MoveAsync(Guid reviewId, string done, Func<Task<QaReviewResponse>> move, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, NationalPolicies.QaWrite)).Succeeded) return Forbid();
        try
        {
            await move();
        }
        catch (ProblemException refusal)
        {
            var reasons = refusal.Problem is HttpValidationProblemDetails invalid ? [.. invalid.Errors.SelectMany(e => e.Value)] : new List<string> { refusal.Problem.Title ?? "The change was refused" };
            return await ShowAgainAsync(OnGetAsync(reviewId, null, cancellationToken), reasons, refusal.Problem.Status ?? StatusCodes.Status409Conflict);
        }
        catch (DbUpdateConcurrencyException)
        {
            return await ShowAgainAsync(OnGetAsync(reviewId, null, cancellationToken), ["Someone else changed the review: check it and try again"], StatusCodes.Status409Conflict);
        }

        return Redirect($"/national/qa/reviews/{reviewId}?done={done}");
    }
}
