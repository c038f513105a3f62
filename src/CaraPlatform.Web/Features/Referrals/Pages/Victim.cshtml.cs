using CaraPlatform.Domain.VictimContact;
using CaraPlatform.Web.Features.Referrals;
using CaraPlatform.Web.Platform.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CaraPlatform.Web.Features.Referrals.Pages;

/// <summary>
/// The victim's details for the victim-contact service: the page's policy admits only victim-contact workers and
/// provider admins, every view is audited by the handler, and nothing here is kept by the browser.
/// </summary>
[Authorize(Policy = PortalPolicies.VictimContact)]
public sealed class VictimDetailsModel(ReferralHandler handler) : PageModel
{
    public string PoliceReference { get; private set; } = "";

    public VictimDetails Victim { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid referralId, CancellationToken cancellationToken)
    {
        var referral = await handler.GetAsync(referralId, cancellationToken);
        if (referral is null) return NotFound();
        var victim = await handler.ReadVictimAsync(referralId, User, cancellationToken);
        if (victim is not { } v) return NotFound();
        Response.Headers.CacheControl = "no-store";
        PoliceReference = referral.PoliceReference;
        Victim = v.Details;
        return Page();
    }
}
