using CaraPlatform.Web.Portal.Account;

namespace CaraPlatform.Web.Features.Members.Pages;

/// <summary>
/// Where an invitation link lands. A new person creates their account here; a person with an account signs in
/// first (with their second factor, if they use one) and comes back, so that accepting never bypasses sign-in.
/// </summary>
[AllowAnonymous]
[InvitationAcceptAttempts]
public sealed class AcceptInvitationModel(
    Invitations invitations, UserManager<CaraUser> users, SignInManager<CaraUser> signIn, IMultiTenantContextAccessor<CaraTenantInfo> tenant)
    : PageModel
{
    [BindProperty] public string DisplayName { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string ConfirmPassword { get; set; } = "";

    public OpenInvitation? Invitation { get; private set; }
    public string TenantName => tenant.MultiTenantContext.TenantInfo?.Name ?? "";

    public async Task<IActionResult> OnGetAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        if (Invitation!.HasAccount && await users.GetUserAsync(User) is { } current)
        {
            if (!string.Equals(current.Email, Invitation.Email, StringComparison.OrdinalIgnoreCase))
            {
                ModelState.AddModelError("", $"You are signed in as {current.Email}; this invitation is for {Invitation.Email}.");
                return Page();
            }

            if (!await invitations.AcceptAsync(token, current, HttpContext.RequestAborted)) return NotFoundPage();
            await signIn.RefreshSignInAsync(current);
            return Redirect($"/t/{tenant.MultiTenantContext.TenantInfo!.Identifier}");
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token)
    {
        if (!await Load(token)) return NotFoundPage();
        if (Invitation!.HasAccount) return Page();
        if (await NewAccount.CreateAsync(users, ModelState, Invitation.Email, DisplayName, Password, ConfirmPassword) is not { } user) return Page();

        if (!await invitations.AcceptAsync(token, user, HttpContext.RequestAborted)) return NotFoundPage();
        await signIn.SignInAsync(user, isPersistent: false);
        return Redirect($"/t/{tenant.MultiTenantContext.TenantInfo!.Identifier}");
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
