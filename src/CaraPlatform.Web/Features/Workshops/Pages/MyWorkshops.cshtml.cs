using CaraPlatform.Domain.Common;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CaraPlatform.Web.Features.Workshops.Pages;

/// <summary>The runs the signed-in facilitator is one of the two facilitators of: those not yet over first, soonest first; then the past ones.</summary>
[Authorize(Policy = PortalPolicies.WorkshopFacilitator)]
public sealed class MyWorkshopsModel(WorkshopHandler handler, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RunResponse> Upcoming { get; private set; } = [];

    public IReadOnlyList<RunResponse> Past { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.PersonId() ?? Guid.Empty;
        var today = UkCalendar.DateOf(clock.GetUtcNow());
        var mine = handler.Runs.Where(r => r.FacilitatorIds.Contains(me));
        var upcoming = await mine.Where(r => r.Workshop2.Date >= today).OrderBy(r => r.Workshop1.Date).ThenBy(r => r.Id).Take(200).ToListAsync(cancellationToken);
        var past = await mine.Where(r => r.Workshop2.Date < today).OrderByDescending(r => r.Workshop2.Date).Take(50).ToListAsync(cancellationToken);
        Upcoming = await handler.DescribeAsync(upcoming, cancellationToken);
        Past = await handler.DescribeAsync(past, cancellationToken);
    }
}
