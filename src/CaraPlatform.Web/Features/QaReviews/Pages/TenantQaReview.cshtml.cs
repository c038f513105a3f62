namespace CaraPlatform.Web.Features.QaReviews.Pages;

/// <summary>One of the service's reviews: the ProviderAdmin acknowledges it and records evidence for each action.</summary>
[Authorize(Policy = QaAccess.TenantPolicy)]
public sealed class TenantQaReviewModel(TenantQaReviews reviews, IMultiTenantContextAccessor<CaraTenantInfo> tenants) : PortalPageModel
{
    public QaReviewResponse Review { get; private set; } = null!;

    public string TenantSlug => tenants.Current().Identifier;

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid reviewId, string? done, CancellationToken cancellationToken)
    {
        if (await reviews.FindAsync(reviewId, cancellationToken) is not { } review) return NotFound();
        Review = review;
        Done = done switch
        {
            "acknowledged" => "The review was acknowledged.",
            "evidence" => "The evidence was recorded: the reviewer will verify it.",
            _ => null,
        };
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(Guid reviewId, string? response, uint version, CancellationToken cancellationToken) =>
        MoveAsync(reviewId, "acknowledged", () => reviews.AcknowledgeAsync(reviewId, new AcknowledgeQaReviewRequest(response, version), User, cancellationToken),
            cancellationToken);

    public Task<IActionResult> OnPostEvidenceAsync(Guid reviewId, Guid actionId, string? evidence, uint version, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(evidence)
            ? ShowAgainAsync(OnGetAsync(reviewId, null, cancellationToken), ["Enter the evidence that the action is done"], StatusCodes.Status200OK)
            : MoveAsync(reviewId, "evidence", () => reviews.RecordEvidenceAsync(reviewId, actionId, new QaEvidenceRequest(evidence, version), User, cancellationToken),
                cancellationToken);

    private async Task<IActionResult> MoveAsync(Guid reviewId, string done, Func<Task<QaReviewResponse>> move, CancellationToken cancellationToken)
    {
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

        return Redirect($"/t/{TenantSlug}/qa-reviews/{reviewId}?done={done}");
    }
}
