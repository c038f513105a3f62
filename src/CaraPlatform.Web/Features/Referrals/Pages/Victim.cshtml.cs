namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// The victim's details for the victim-contact service: the page's policy admits only victim-contact workers and
/// provider admins, every view is audited by the query, and nothing here is kept by the browser.
/// </summary>
[Authorize(Policy = ReferralAccess.VictimContactPolicy)]
public sealed class VictimDetailsModel(ReferralQueries queries) : PageModel
{
    public string PoliceReference { get; private set; } = "";

    public VictimDto Victim { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken)
    {
        if (await queries.VictimAsync(referralId, User, cancellationToken) is not { } victim) return NotFound();
        Response.Headers.CacheControl = "no-store";
        PoliceReference = victim.PoliceReference;
        Victim = victim.Record.Victim;
        return Page();
    }
}
