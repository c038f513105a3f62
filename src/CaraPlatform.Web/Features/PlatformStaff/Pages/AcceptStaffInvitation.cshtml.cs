using CaraPlatform.Web.Portal.Account;

namespace CaraPlatform.Web.Features.PlatformStaff.Pages;

/// <summary>
/// Where a staff invitation link lands (the first LicenceAdmin's too). A new person creates their account here; a
/// person with an account signs in first and comes back, so that accepting never bypasses sign-in. Once accepted, the
/// page offers two-factor set-up before the national workspace.
/// </summary>
[AllowAnonymous]
[InvitationAcceptAttempts]
public sealed class AcceptStaffInvitationModel(StaffInvitations invitations, UserManager<CaraUser> users, SignInManager<CaraUser> signIn) : PageModel
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public OpenStaffInvitation? Invitation { get; private set; }

    /// <summary>The roles just taken: the page now offers two-factor set-up.</summary>
    public IReadOnlyList<PlatformRole>? Accepted { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        DisplayName = Invitation!.Name ?? "";
        if (Invitation.HasAccount && await users.GetUserAsync(User) is { } current)
        {
            if (!string.Equals(current.Email, Invitation.Email, StringComparison.OrdinalIgnoreCase))
            {
                ModelState.AddModelError("", $"You are signed in as {current.Email}; this invitation is for {Invitation.Email}.");
                return Page();
            }

            return await AcceptAsync(token, current, signInAfter: false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        if (Invitation!.HasAccount) return Page();
        if (await NewAccount.CreateAsync(users, ModelState, Invitation.Email, DisplayName, Password, ConfirmPassword) is not { } user) return Page();

        return await AcceptAsync(token, user, signInAfter: true);
    }

    private async Task<IActionResult> AcceptAsync(string token, CaraUser user, bool signInAfter)
    {
        if (!await invitations.AcceptAsync(token, user, HttpContext.RequestAborted)) return NotFoundPage();
        if (signInAfter) await signIn.SignInAsync(user, isPersistent: false);
        else await signIn.RefreshSignInAsync(user);
        Accepted = user.PlatformRoles;
        return Page();
    }

    private async Task<bool> Load(string token)
    {
        Invitation = await invitations.FindOpenAsync(token, HttpContext.RequestAborted);
        return Invitation is not null;
    }

    /// <summary>The page saying the link is not valid (unknown, used, cancelled or expired, perhaps a moment ago).</summary>
    private PageResult NotFoundPage()
    {
        Invitation = null;
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
