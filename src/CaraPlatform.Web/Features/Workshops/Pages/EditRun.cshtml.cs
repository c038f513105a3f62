using System.Globalization;
using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>
/// Changes a run before it starts. The form carries the version it was read at: a change made meanwhile is refused
/// and the form shows the run as it is now.
/// </summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class EditRunModel(
    RunHandler runs, IValidator<UpdateRunRequest> validator, IMultiTenantContextAccessor<CaraTenantInfo> tenantAccessor, TimeProvider clock)
    : RunFormPage(runs, tenantAccessor)
{
    [BindProperty] public UpdateRunRequest? Input { get; set; }

    public RunResponse Run { get; private set; } = null!;

    /// <summary>The run changed under the coordinator: the form now carries the version just read.</summary>
    public bool Refreshed { get; private set; }

    public string FormVersion => Refreshed || !Request.HasFormContentType ? Run.Version.ToString(CultureInfo.InvariantCulture) : Value("version");

    public override string SubmitText => "Save the changes";

    /// <summary>Why the run can no longer be changed, if it cannot.</summary>
    public string? Locked => Run.CancelledAt is not null ? "The run is cancelled: it can no longer be changed."
        : Run.Workshop1.StartsAt <= clock.GetUtcNow() ? "The run has started: it can no longer be changed."
        : null;

    public async Task<IActionResult> OnGetAsync(Guid runId, CancellationToken cancellationToken) =>
        await LoadAsync(runId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid runId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(runId, cancellationToken)) return NotFound();
        var request = Input ?? new UpdateRunRequest(null, null, null, null, null, null, null, null, null, null);
        var errors = Collect(await validator.ValidateAsync(request, cancellationToken));
        if (errors.Count > 0)
        {
            ShowErrors(errors);
            return Page();
        }

        try
        {
            await Runs.UpdateAsync(runId, request, User, cancellationToken);
            return Redirect($"/t/{TenantSlug}/runs/{runId}?done=updated");
        }
        catch (ProblemException refusal)
        {
            Refused(refusal, request);
            if (refusal.Problem.Status == StatusCodes.Status409Conflict) Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            await LoadAsync(runId, cancellationToken);
            Refreshed = true;
            FieldErrors = new Dictionary<string, string[]> { [""] = ["Someone else changed this run while you were editing it. Nothing was saved: check the run and make your change again."] };
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
    }

    protected override string? StartingValue(string key)
    {
        var r = Run;
        return key switch
        {
            "cohort" => r.Cohort.ToString(),
            "language" => r.Language,
            "capacity" => r.Capacity.ToString(CultureInfo.InvariantCulture),
            "workshop1.date" => Iso(r.Workshop1.Date),
            "workshop1.startTime" => r.Workshop1.StartTime,
            "workshop1.endTime" => r.Workshop1.EndTime,
            "workshop2.date" => Iso(r.Workshop2.Date),
            "workshop2.startTime" => r.Workshop2.StartTime,
            "workshop2.endTime" => r.Workshop2.EndTime,
            "delivery" => r.Delivery.ToString(),
            "venueId" => r.Venue?.Id.ToString(),
            "meetingLink" => r.MeetingLink?.ToString(),
            "facilitatorIds[0]" => r.Facilitators.ElementAtOrDefault(0)?.Id.ToString(),
            "facilitatorIds[1]" => r.Facilitators.ElementAtOrDefault(1)?.Id.ToString(),
            _ => base.StartingValue(key),
        };

        static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task<bool> LoadAsync(Guid runId, CancellationToken cancellationToken)
    {
        var run = await Runs.FindAsync(runId, cancellationToken);
        if (run is null) return false;
        Run = run;
        await LoadChoicesAsync(cancellationToken);
        return true;
    }
}
