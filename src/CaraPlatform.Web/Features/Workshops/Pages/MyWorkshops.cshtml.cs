using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>The runs the signed-in facilitator is one of the two facilitators of: those not yet over first, soonest first; then the past ones.</summary>
[Authorize(Policy = WorkshopAccess.FacilitatorPolicy)]
public sealed class MyWorkshopsModel(RunHandler runs) : PageModel
{
    public IReadOnlyList<RunResponse> Upcoming { get; private set; } = [];

    public IReadOnlyList<RunResponse> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        (Upcoming, Past) = await runs.OfFacilitatorAsync(User.PersonId() ?? Guid.Empty, cancellationToken);
    }
}
