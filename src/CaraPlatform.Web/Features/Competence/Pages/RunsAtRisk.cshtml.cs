namespace CaraPlatform.Web.Features.Competence.Pages;

/// <summary>The Trainer's worklist: every service's upcoming runs whose facilitator will lapse before the run.</summary>
[Authorize(Policy = NationalPolicies.Training)]
public sealed class RunsAtRiskModel(NationalRunsAtRisk worklist) : PageModel
{
    public IReadOnlyList<RunAtRiskLine> Lines { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Lines = await worklist.OpenAsync(cancellationToken);
}
