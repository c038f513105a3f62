namespace CaraPlatform.Web.Features.QaReviews.Pages;

/// <summary>The quality-assurance dashboard: per service, per facilitator, the runs to observe and every review.</summary>
[Authorize(Policy = NationalPolicies.QaRead)]
public sealed class QaDashboardModel(QaReviewHandler qa) : PageModel
{
    public QaDashboardResponse Dashboard { get; private set; } = null!;

    public IReadOnlyList<QaRunSummary> Runs { get; private set; } = [];

    public IReadOnlyList<QaReviewSummary> Reviews { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Dashboard = await qa.DashboardAsync(cancellationToken);
        Runs = await qa.RunsToObserveAsync(null, cancellationToken);
        Reviews = await qa.ListAsync(null, cancellationToken);
    }
}
