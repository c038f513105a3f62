using CaraPlatform.Domain.Common;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>The calendar: runs not yet over (Workshop 2 today or later), by month of Workshop 1, with seats left; cancelled ones marked.</summary>
[Authorize(Policy = PortalPolicies.WorkshopPlanner)]
public sealed class RunsModel(WorkshopHandler handler, TimeProvider clock) : PageModel
{
    public IReadOnlyList<IGrouping<DateOnly, RunResponse>> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var runs = await handler.Runs.Where(r => r.Workshop2.Date >= today)
            .OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(500).ToListAsync(cancellationToken);
        Months = [.. (await handler.DescribeAsync(runs, cancellationToken))
            .GroupBy(r => new DateOnly(r.Workshop1.Date.Year, r.Workshop1.Date.Month, 1))];
    }
}
