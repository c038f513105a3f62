using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>Schedules a run with the API's request, validator and handler: the same rules whichever door it came in by.</summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class NewRunModel(
    RunHandler runs, IValidator<ScheduleRunRequest> validator, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor)
    : RunFormPage(runs, tenantAccessor)
{
    [BindProperty] public ScheduleRunRequest? Input { get; set; }

    public override string SubmitText => "Schedule the run";

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadChoicesAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadChoicesAsync(cancellationToken);
        var request = Input ?? new ScheduleRunRequest(null, null, null, null, null, null, null, null, null);
        var errors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (errors.Count > 0)
        {
            ShowErrors(errors);
            return Page();
        }

        try
        {
            var run = await Runs.ScheduleAsync(request, cancellationToken);
            return Redirect($"/t/{TenantSlug}/runs/{run.Id}?done=scheduled");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal, request);
            return Page();
        }
    }
}
