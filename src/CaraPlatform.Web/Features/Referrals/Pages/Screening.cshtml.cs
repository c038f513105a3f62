namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>The coordinators' screening queue: referrals still to screen (Received or Screening), oldest first.</summary>
[Authorize(Policy = ReferralAccess.ScreenerPolicy)]
public sealed class ScreeningQueueModel(ReferralQueries queries) : PageModel
{
    public IReadOnlyList<ReferralListItem> Rows { get; private set; } = [];

    public string? NextCursor { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Cursor { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var queue = await queries.ScreeningQueueAsync(Cursor, User, cancellationToken);
            Rows = queue.Items;
            NextCursor = queue.NextCursor;
        }
        catch (InvalidCursorException)
        {
            ModelState.AddModelError("", "That page link is no longer valid. Start again from the first page.");
        }
    }
}
