namespace CaraPlatform.Web.Features.VictimContact.Pages;

/// <summary>The caseload: the worker's own cases by default, or all open, unassigned or every case; the list is audited.</summary>
[Authorize(Policy = VictimContactAccess.WorkerPolicy)]
public sealed class IndexModel(VictimCaseQueries queries) : PageModel
{
    public static readonly IReadOnlyList<(string Value, string Text)> Shows =
        [("mine", "My cases"), ("open", "All open cases"), ("unassigned", "Cases nobody holds"), ("all", "All cases, closed too")];

    public string Show { get; private set; } = "mine";

    public IReadOnlyList<VictimCaseSummary> Cases { get; private set; } = [];

    public async Task OnGetAsync(string? show, CancellationToken cancellationToken)
    {
        Show = Shows.Any(s => s.Value == show) ? show! : "mine";
        var filter = Show switch
        {
            "mine" => new VictimCaseFilter(Mine: true),
            "unassigned" => new VictimCaseFilter(Unassigned: true),
            "all" => new VictimCaseFilter(IncludeClosed: true),
            _ => new VictimCaseFilter(),
        };
        Cases = await queries.ListAsync(filter, User, cancellationToken);
    }
}
