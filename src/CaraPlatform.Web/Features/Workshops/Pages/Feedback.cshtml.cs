using CaraPlatform.Domain.Audit;
using CaraPlatform.Domain.Workshops;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// A participant's questionnaire (the tenant's questions, else the programme's), taken by a facilitator of the run:
/// <c>?stage=PreCourse</c> at the start of Workshop 1 for anyone booked, otherwise at the end of Workshop 2 for someone
/// who completed. Never told to the police.
/// </summary>
[Authorize(Policy = WorkshopAccess.FacilitatorPolicy)]
public sealed class FeedbackModel(
    RunHandler runs, BookingHandler bookings, RegisterHandler registers, AuditTrail audit, IMultiTenantContextAccessor<CaraTenantInfo> tenants)
    : PortalPageModel
{
    public const string AnswerField = "answer-";

    public static readonly (int Value, string Text)[] Scale =
    [
        (FeedbackScale.StronglyDisagree, "Strongly disagree"), (FeedbackScale.Disagree, "Disagree"), (FeedbackScale.Neutral, "Neither agree nor disagree"),
        (FeedbackScale.Agree, "Agree"), (FeedbackScale.StronglyAgree, "Strongly agree"),
    ];

    /// <summary>Before the course (start of Workshop 1) or after it (end of Workshop 2, the default).</summary>
    [BindProperty(SupportsGet = true)]
    public FeedbackStage Stage { get; set; } = FeedbackStage.PostCourse;

    /// <summary>The tenant's own questions, or the programme's defaults.</summary>
    public IReadOnlyList<FeedbackQuestion> Questions { get; private set; } = [];

    public bool NotYourRun { get; private set; }

    public BookingResponse? Booking { get; private set; }

    public bool AlreadyRecorded { get; private set; }

    /// <summary>The codes of the questions left unanswered in the form just posted.</summary>
    public IReadOnlySet<string> Unanswered { get; private set; } = new HashSet<string>();

    public bool CanRecord => !AlreadyRecorded && (Stage == FeedbackStage.PreCourse ? Booking is not null : Booking is { Status: BookingStatus.Completed });

    /// <summary>The register the questionnaire belongs to: Workshop 1's before the course, Workshop 2's after it.</summary>
    public WorkshopNumber Workshop => Stage == FeedbackStage.PreCourse ? WorkshopNumber.Workshop1 : WorkshopNumber.Workshop2;

    public async Task<IActionResult> OnGetAsync(Guid runId, Guid referralId, CancellationToken cancellationToken) =>
        await PageAsync(runId, referralId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(Guid runId, Guid referralId, CancellationToken cancellationToken)
    {
        var page = await PageAsync(runId, referralId, cancellationToken);
        if (page is not PageResult || !CanRecord) return page;
        var answers = new List<FeedbackAnswerDto>();
        var missing = new List<string>();
        foreach (var question in Questions)
        {
            if (int.TryParse(Request.Form[AnswerField + question.Code].ToString(), out var value)) answers.Add(new FeedbackAnswerDto(question.Code, value));
            else missing.Add($"Choose an answer to “{question.Text}”");
        }

        if (missing.Count > 0)
        {
            Unanswered = Questions.Where(q => !answers.Any(a => a.QuestionCode == q.Code)).Select(q => q.Code).ToHashSet();
            Errors = missing;
            return page;
        }

        try
        {
            await registers.RecordFeedbackAsync(runId, referralId, Stage, answers, User, cancellationToken);
            return Redirect($"/t/{RouteData.Values["tenant"]}/runs/{runId}/register/{Workshop}?done=feedback");
        }
        catch (ProblemException refusal)
        {
            Errors = WorkshopDisplay.Messages(refusal);
            Response.StatusCode = refusal.Problem.Status ?? StatusCodes.Status400BadRequest;
            return page;
        }
    }

    private async Task<IActionResult> PageAsync(Guid runId, Guid referralId, CancellationToken cancellationToken)
    {
        var run = await runs.FindAsync(runId, cancellationToken);
        if (run is null) return NotFound();
        if (!run.IsFacilitator(User.PersonId()))
        {
            NotYourRun = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        Questions = (await registers.FeedbackQuestionsAsync(runId, Stage, cancellationToken)).Questions;
        Booking = await bookings.ParticipantAsync(runId, referralId, cancellationToken);
        AlreadyRecorded = await registers.FeedbackRecordedAsync(referralId, Stage, cancellationToken);
        if (Booking is not null)
        {
            await audit.RecordAsync(AuditEntries.By(User, AuditActions.FeedbackViewed, tenants.Current().TenantId,
                AuditEntries.Referral(referralId), $"feedback page of run {runId}"), cancellationToken);
        }

        return Page();
    }
}
