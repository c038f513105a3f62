using CaraPlatform.Domain.QaReviews;

namespace CaraPlatform.Web.Features.QaReviews.Pages;

/// <summary>
/// A run to observe: its facts and feedback from the national read model, its reviews, and (QualityAssurer) the
/// observation form, saved as a draft.
/// </summary>
[Authorize(Policy = NationalPolicies.QaRead)]
public sealed class QaRunModel(QaReviewHandler qa, IValidator<DraftQaReviewRequest> validator, IAuthorizationService authorization) : RequestFormModel
{
    /// <summary>Blank action rows the form offers; rows left blank are not actions.</summary>
    public const int ActionRows = 3;

    [BindProperty] public DraftQaReviewRequest? Input { get; set; }

    public QaRunResponse Run { get; private set; } = null!;

    public bool CanReview { get; private set; }

    public IReadOnlyList<(string Value, string Text)> Facilitators =>
        [.. Run.Run.Facilitators.Select(f => (f.UserId.ToString(), f.Name))];

    public async Task<IActionResult> OnGetAsync(string tenant, Guid runId, CancellationToken cancellationToken)
    {
        if (await qa.RunAsync(tenant, runId, cancellationToken) is not { } run) return NotFound();
        Run = run;
        CanReview = (await authorization.AuthorizeAsync(User, NationalPolicies.QaWrite)).Succeeded;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string tenant, Guid runId, CancellationToken cancellationToken)
    {
        if (await OnGetAsync(tenant, runId, cancellationToken) is not PageResult) return NotFound();
        if (!CanReview) return Forbid();
        var posted = Input ?? new DraftQaReviewRequest(null, null, null, null, null, null, null, null, null);
        // A domain left unscored is not yet scored; an action row left wholly blank is no action.
        var request = posted with
        {
            Tenant = tenant,
            RunId = runId,
            FacilitatorIds = posted.FacilitatorIds ?? [],
            Scores = [.. (posted.Scores ?? []).Where(s => s.Score is not null)],
            Actions = [.. (posted.Actions ?? []).Where(a => !string.IsNullOrWhiteSpace(a.Text) || !string.IsNullOrWhiteSpace(a.Owner) || a.DueOn is not null)],
        };
        FieldErrors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (FieldErrors.Count > 0) return Page();
        try
        {
            var review = await qa.DraftAsync(request, User, cancellationToken);
            return Redirect($"/national/qa/reviews/{review.Id}?done=saved");
        }
        catch (ProblemException refusal)
        {
            FieldErrors = refusal.Problem is HttpValidationProblemDetails invalid
                ? invalid.Errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.OrdinalIgnoreCase)
                : new Dictionary<string, string[]> { [""] = [refusal.Problem.Title ?? "The review was refused"] };
            Response.StatusCode = refusal.Problem.Status ?? StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public static IReadOnlyList<QaDomain> Domains { get; } = Enum.GetValues<QaDomain>();

    public static IReadOnlyList<(string Value, string Text)> Modes { get; } =
        [(nameof(ObservationMode.Live), "Live"), (nameof(ObservationMode.Recording), "From a recording")];
}
