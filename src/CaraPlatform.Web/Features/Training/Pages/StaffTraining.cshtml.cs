using CaraPlatform.Domain.Training;

namespace CaraPlatform.Web.Features.Training.Pages;

/// <summary>
/// The service's own staff and where their training stands, for its ProviderAdmin and Coordinators; a Coordinator
/// nominates staff for an upcoming event here and sees the Trainer's answer.
/// </summary>
[Authorize(Policy = TenantStaffTraining.ViewerPolicy)]
public sealed class StaffTrainingModel(TenantStaffTraining training) : PortalPageModel
{
    public TenantTrainingView View { get; private set; } = new([], [], [], false);

    public string? Notice { get; private set; }

    [BindProperty] public Guid? EventId { get; set; }

    [BindProperty] public Guid? UserId { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        View = await training.ViewAsync(User.PersonId()!.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostNominateAsync(CancellationToken cancellationToken)
    {
        if (EventId is null) ModelState.AddModelError(nameof(EventId), "Choose a training event");
        if (UserId is null) ModelState.AddModelError(nameof(UserId), "Choose a member of staff");
        if (!ModelState.IsValid) return await ShowAgainAsync(OnGetAsync(cancellationToken), [], StatusCodes.Status200OK);
        try
        {
            await training.NominateAsync(EventId!.Value, UserId!.Value, User.PersonId()!.Value, cancellationToken);
        }
        catch (ProblemException refused)
        {
            return await ShowAgainAsync(OnGetAsync(cancellationToken), [refused.Problem.Title!], refused.Problem.Status ?? StatusCodes.Status409Conflict);
        }

        Notice = "Nominated: the Trainer will accept or decline.";
        EventId = null;
        UserId = null;
        return await OnGetAsync(cancellationToken);
    }

    public static string Tag(TrainingStanding standing) => standing switch
    {
        TrainingStanding.Current => "govuk-tag--green",
        TrainingStanding.Expiring => "govuk-tag--yellow",
        _ => "govuk-tag--red",
    };

    public static string Words(TrainingStanding standing) => standing switch
    {
        TrainingStanding.Current => "Current",
        TrainingStanding.Expiring => "Expiring within 60 days",
        _ => "Expired",
    };
}
