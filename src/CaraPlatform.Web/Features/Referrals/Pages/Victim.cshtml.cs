namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// The victim's details for the victim-contact service: the page's policy admits only victim-contact workers and
/// provider admins. The record opens only after the reader says why (a form first, the details in answer to its post,
/// so the reason never sits in a link), every view is audited with that reason, and nothing here is kept by the browser.
/// </summary>
[Authorize(Policy = ReferralAccess.VictimContactPolicy)]
public sealed class VictimDetailsModel(ReferralQueries queries) : PageModel
{
    public string PoliceReference { get; private set; } = "";

    public VictimDto? Victim { get; private set; }

    public string PostedReason { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken)
    {
        if (await queries.SummaryAsync(referralId, cancellationToken) is not { } referral) return NotFound();
        PoliceReference = referral.PoliceReference;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid referralId, string? reason, CancellationToken cancellationToken)
    {
        PostedReason = reason ?? "";
        if (VictimViewReason.Refusal(reason) is { } refusal)
        {
            ModelState.AddModelError("reason", refusal);
            return await OnGetAsync(referralId, cancellationToken);
        }

        if (await queries.VictimAsync(referralId, reason!, User, cancellationToken) is not { } victim) return NotFound();
        Response.Headers.CacheControl = "no-store";
        PoliceReference = victim.PoliceReference;
        Victim = victim.Record.Victim;
        return Page();
    }
}
