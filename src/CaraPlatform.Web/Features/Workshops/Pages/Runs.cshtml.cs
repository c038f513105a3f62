using CaraPlatform.Web.Features.Workshops.Contracts;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>The calendar: runs not yet over (Workshop 2 today or later), by month of Workshop 1, with seats left; cancelled ones marked.</summary>
[Authorize(Policy = WorkshopAccess.PlannerPolicy)]
public sealed class RunsModel(RunHandler runs) : PageModel
{
    public IReadOnlyList<IGrouping<DateOnly, RunResponse>> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Months = [.. (await runs.CalendarAsync(cancellationToken)).GroupBy(r => new DateOnly(r.Workshop1.Date.Year, r.Workshop1.Date.Month, 1))];
    }
}
